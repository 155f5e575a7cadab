// /api/v1/print/…: contact cards (联系卡, one or four to an A4 page) and the class register
// (花名册) as HTML with print CSS. The pages are share/print/*.html rendered by
// kainjow::mustache, which HTML-escapes every value; the labels are share/print/labels.json
// (zh-TW made from zh-CN by OpenCC). The children are the list's, with its filters.
#include <kainjow/mustache.hpp>

#include "core/embedded_file.h"
#include "core/identity_numbers.h"
#include "domain/terms/term.h"
#include "http/caller.h"
#include "http/child_query.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "text/chinese.h"

namespace sw::http {
namespace {

using kainjow::mustache::data;

nlohmann::json InTaiwanTraditional(const nlohmann::json& labels) {
  if (labels.is_string()) return text::ToTaiwanTraditional(labels.get<std::string>());
  nlohmann::json converted = labels;
  for (auto& [key, value] : converted.items()) value = InTaiwanTraditional(value);
  return converted;
}

// zh-CN, zh-TW or en: `lang` in the query (the web app passes its own), else Accept-Language;
// anything else is zh-CN.
std::string PrintLanguage(const std::string& lang, Language language) {
  if (lang == "zh-TW" || lang == "en") return lang;
  if (!lang.empty()) return "zh-CN";
  return language == Language::kEn ? "en" : language == Language::kZhTw ? "zh-TW" : "zh-CN";
}

const nlohmann::json& LabelsFor(const std::string& print_language) {
  static const nlohmann::json kAll = nlohmann::json::parse(ShareFileText("/print/labels.json"));
  static const nlohmann::json kTaiwan = InTaiwanTraditional(kAll["zh-CN"]);
  return print_language == "zh-TW" ? kTaiwan : kAll[print_language];
}

data ToData(const nlohmann::json& value) {
  if (value.is_object()) {
    data object;
    for (const auto& [key, item] : value.items()) object.set(key, ToData(item));
    return object;
  }
  if (value.is_array()) {
    data list{data::type::list};
    for (const auto& item : value) list.push_back(ToData(item));
    return list;
  }
  if (value.is_boolean()) return data(value.get<bool>());
  return data(value.is_string() ? value.get<std::string>() : value.is_null() ? std::string() : value.dump());
}

// What one page shows of the children, with labels and numbers as allowed.
class PrintView {
 public:
  PrintView(const nlohmann::json& labels, bool unmasked, std::map<std::string, std::string> places)
      : labels_(labels), unmasked_(unmasked), places_(std::move(places)) {}

  // A choice's label ("both_parents_away" → 父母双方外出); free text as it is.
  std::string Shown(const char* field, const std::string& value) const {
    const auto& values = labels_["values"];
    if (!values.contains(field) || !values[field].contains(value)) return value;
    return values[field][value].get<std::string>();
  }
  std::string Phone(const std::string& phone) const { return unmasked_ ? phone : MaskPhone(phone); }
  std::string Place(const std::string& code) const {
    auto found = places_.find(code);
    return found == places_.end() ? code : found->second;
  }

  nlohmann::json Card(const domain::ChildRecord& record) const {
    const domain::Child& child = record.child;
    nlohmann::json card = {{"title", labels_["title"]["contact_cards"]},
                           {"name", child.name},
                           {"gender", Shown("gender", child.gender)},
                           {"birth_date", child.birth_date},
                           {"place", Place(child.org_code)},
                           {"grade", child.grade ? std::to_string(*child.grade) : ""},
                           {"boarding", child.boarding ? Shown("boarding", *child.boarding ? "true" : "false") : ""},
                           {"left_behind_type", Shown("left_behind_type", child.left_behind_type)},
                           {"care_arrangement", Shown("care_arrangement", child.care_arrangement)},
                           {"home_address", child.home_address},
                           {"health", child.health},
                           {"parents", nlohmann::json::array()},
                           {"guardians", nlohmann::json::array()},
                           {"note", Note()}};
    for (const auto& member : record.family) {
      nlohmann::json person = {{"relation", Shown("relation", member.relation)}, {"name", member.name},
                               {"phone", Phone(member.phone)}, {"age", member.age ? std::to_string(*member.age) : ""},
                               {"health", member.health}, {"work_city", member.work_city},
                               {"employer", member.employer}, {"employer_address", member.employer_address},
                               {"employer_phone", Phone(member.employer_phone)}, {"occupation", member.occupation},
                               {"address", member.address}};
      card[member.kind == "parent" ? "parents" : "guardians"].push_back(person);
    }
    return card;
  }

  nlohmann::json RegisterRow(const domain::ChildRecord& record, std::size_t number) const {
    const domain::Child& child = record.child;
    // Who the school calls: the guardian at home first, else a parent.
    const domain::FamilyMember* contact = nullptr;
    for (const auto& member : record.family) {
      if (!contact || (contact->kind == "parent" && member.kind == "guardian")) contact = &member;
    }
    return {{"number", number},
            {"name", child.name},
            {"gender", Shown("gender", child.gender)},
            {"birth_date", child.birth_date},
            {"grade", child.grade ? std::to_string(*child.grade) : ""},
            {"place", Place(child.org_code)},
            {"left_behind_type", Shown("left_behind_type", child.left_behind_type)},
            {"care_arrangement", Shown("care_arrangement", child.care_arrangement)},
            {"guardian", contact ? Shown("relation", contact->relation) + " " + contact->name : ""},
            {"phone", contact ? Phone(contact->phone) : ""},
            {"home_address", child.home_address},
            {"risk_level", Shown("risk_level", child.risk_level)}};
  }

  std::string Note() const { return labels_["text"][unmasked_ ? "unmasked_note" : "masked_note"]; }

 private:
  const nlohmann::json& labels_;
  bool unmasked_;
  std::map<std::string, std::string> places_;  // org code → "school class"
};

// The date on paper, in China's one time zone (UTC+8) whatever the server's clock zone.
std::string BeijingDate() { return domain::FormatDate(ChinaDate(std::chrono::system_clock::now())); }

Response Html(std::string body) {
  Response response;
  response.content_type = "text/html; charset=utf-8";
  // No script at all; styles are inline in the page.
  response.headers.emplace_back("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  response.body = std::move(body);
  return response;
}

// Renders `page` (share/print/<page>.html) for the children the query string selects.
Response Print(const Request& request, Context& context, const char* page,
               const std::function<void(const PrintView&, const std::vector<domain::ChildRecord>&,
                                        const QueryParameters&, const nlohmann::json&, nlohmann::json&)>& fill) {
  auto parameters = ParseQuery(request.query);
  if (!parameters) return ErrorResponse(Status::InvalidArgument("query", "malformed").WithReason("bad_query"), request);
  auto query = ParseChildQuery(*parameters, context, request);
  if (!query.ok()) return ErrorResponse(query.status(), request);
  const bool unmasked = Parameter(*parameters, "numbers") == "full";
  const std::string reason = unmasked ? Parameter(*parameters, "reason") : "";
  if (unmasked && reason.empty()) {
    return ErrorResponse(Status::InvalidArgument("reason", "required").WithReason("required"), request);
  }
  auto records = context.children.ForPrint(*query, reason, request.caller->user, ActorOf(request));
  if (!records.ok()) return ErrorResponse(records.status(), request);
  auto places = context.orgs.PlaceNames(request.caller->user);
  if (!places.ok()) return ErrorResponse(places.status(), request);
  const std::string language = PrintLanguage(Parameter(*parameters, "lang"), request.language);
  const nlohmann::json& labels = LabelsFor(language);
  const PrintView view(labels, unmasked, std::move(places).value());
  nlohmann::json values = {{"lang", language},
                           {"css", std::string(ShareFileText("/print/print.css"))},
                           {"text", labels["text"]},
                           {"fields", labels["fields"]},
                           {"count", records->size()},
                           {"printed_at", BeijingDate()},
                           {"note", view.Note()}};
  fill(view, *records, *parameters, labels, values);
  kainjow::mustache::mustache tmpl{std::string(ShareFileText(std::string("/print/") + page + ".html"))};
  if (!tmpl.is_valid()) return ErrorResponse(Status::Internal("template " + std::string(page) + ": " + tmpl.error_message()), request);
  return Html(tmpl.render(ToData(values)));
}

}  // namespace

Response HandlePrintContactCards(const Request& request, Context& context) {
  return Print(request, context, "contact_cards",
               [](const PrintView& view, const std::vector<domain::ChildRecord>& records,
                   const QueryParameters& parameters, const nlohmann::json& labels, nlohmann::json& values) {
                 const std::size_t per_page = Parameter(parameters, "per_page") == "4" ? 4 : 1;
                 values["title"] = labels["title"]["contact_cards"];
                 nlohmann::json sheets = nlohmann::json::array();
                 for (std::size_t at = 0; at < records.size(); at += per_page) {
                   nlohmann::json cards = nlohmann::json::array();
                   for (std::size_t i = at; i < std::min(records.size(), at + per_page); ++i) {
                     cards.push_back(view.Card(records[i]));
                   }
                   sheets.push_back({{"layout", per_page == 4 ? "four" : "one"}, {"cards", cards}});
                 }
                 values["sheets"] = sheets;
               });
}

Response HandlePrintClassRegister(const Request& request, Context& context) {
  return Print(request, context, "class_register",
               [](const PrintView& view, const std::vector<domain::ChildRecord>& records,
                   const QueryParameters& parameters, const nlohmann::json& labels, nlohmann::json& values) {
                 const std::string org = Parameter(parameters, "org");
                 values["title"] = labels["title"]["class_register"];
                 values["heading"] = (org.empty() ? "" : view.Place(org) + " ") + labels["title"]["class_register"].get<std::string>();
                 nlohmann::json rows = nlohmann::json::array();
                 for (std::size_t i = 0; i < records.size(); ++i) rows.push_back(view.RegisterRow(records[i], i + 1));
                 values["rows"] = rows;
               });
}

}  // namespace sw::http
