// /api/v1/print/…: contact cards (联系卡, one or four to an A4 page) and the class register
// (花名册) as HTML with print CSS, or as .xlsx in the same layout; and the children list as an
// .xlsx of any size (/api/v1/children/export.xlsx). The pages are share/print/*.html rendered
// by kainjow::mustache, which HTML-escapes every value; the labels are share/print/labels.json
// (zh-TW made from zh-CN by OpenCC). The children are the list's, with its filters; numbers are
// masked unless the request gives numbers=full and a reason, which is audited.
#include <kainjow/mustache.hpp>

#include "core/embedded_file.h"
#include "core/identity_numbers.h"
#include "domain/terms/term.h"
#include "http/caller.h"
#include "http/child_query.h"
#include "http/errors.h"
#include "http/downloads.h"
#include "http/handlers.h"
#include "office/xlsx_writer.h"
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

  // A column of the children list: choices by their labels, the place by its name, the ID
  // number masked unless numbers were asked for in full.
  std::string ListCell(const domain::Child& child, const std::string& column) const {
    if (column == "org") return Place(child.org_code);
    if (column == "grade") return child.grade ? std::to_string(*child.grade) : "";
    if (column == "boarding") return child.boarding ? Shown("boarding", *child.boarding ? "true" : "false") : "";
    if (column == "completeness") return std::to_string(child.completeness) + "%";
    if (column == "id_number") return unmasked_ ? child.id_number : MaskIdNumber(child.id_number);
    const domain::ChildTextField* field = domain::FindChildTextField(column);
    if (!field) return "";
    return field->choices.empty() ? child.*field->member : Shown(field->name, child.*field->member);
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

// What a print view or spreadsheet of the children the query string selects is made from.
struct Printing {
  QueryParameters parameters;
  std::vector<domain::ChildRecord> records;
  std::string language;
  const nlohmann::json* labels = nullptr;
  std::optional<PrintView> view;
};

// "numbers=full" with its reason, or masked numbers: the reason, or "" when masked.
Result<std::string> UnmaskedReason(const QueryParameters& parameters) {
  if (Parameter(parameters, "numbers") != "full") return std::string();
  const std::string reason = Parameter(parameters, "reason");
  if (reason.empty()) return Status::InvalidArgument("reason", "required").WithReason("required");
  return reason;
}

Result<Printing> Gather(const Request& request, Context& context) {
  Printing printing;
  auto parameters = ParseQuery(request.query);
  if (!parameters) return Status::InvalidArgument("query", "malformed").WithReason("bad_query");
  printing.parameters = std::move(*parameters);
  auto query = ParseChildQuery(printing.parameters, context, request);
  if (!query.ok()) return query.status();
  auto reason = UnmaskedReason(printing.parameters);
  if (!reason.ok()) return reason.status();
  auto records = context.children.ForPrint(*query, *reason, request.caller->user, ActorOf(request));
  if (!records.ok()) return records.status();
  printing.records = std::move(records).value();
  auto places = context.orgs.PlaceNames(request.caller->user);
  if (!places.ok()) return places.status();
  printing.language = PrintLanguage(Parameter(printing.parameters, "lang"), request.language);
  printing.labels = &LabelsFor(printing.language);
  printing.view.emplace(*printing.labels, !reason->empty(), std::move(places).value());
  return printing;
}

// Renders `page` (share/print/<page>.html) for the children the query string selects.
Response Print(const Request& request, Context& context, const char* page,
               const std::function<void(const PrintView&, const std::vector<domain::ChildRecord>&,
                                        const QueryParameters&, const nlohmann::json&, nlohmann::json&)>& fill) {
  auto printing = Gather(request, context);
  if (!printing.ok()) return ErrorResponse(printing.status(), request);
  const nlohmann::json& labels = *printing->labels;
  const PrintView& view = *printing->view;
  nlohmann::json values = {{"lang", printing->language},
                           {"css", std::string(ShareFileText("/print/print.css"))},
                           {"text", labels["text"]},
                           {"fields", labels["fields"]},
                           {"count", printing->records.size()},
                           {"printed_at", BeijingDate()},
                           {"note", view.Note()}};
  fill(view, printing->records, printing->parameters, labels, values);
  kainjow::mustache::mustache tmpl{std::string(ShareFileText(std::string("/print/") + page + ".html"))};
  if (!tmpl.is_valid()) return ErrorResponse(Status::Internal("template " + std::string(page) + ": " + tmpl.error_message()), request);
  return Html(tmpl.render(ToData(values)));
}

// The register's and the list's column names, in the print language.
std::string Label(const nlohmann::json& labels, const char* group, const char* key) {
  return labels[group].value(key, std::string(key));
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

namespace {

// The register's columns: where each value is in PrintView::RegisterRow, and its label.
struct RegisterColumn {
  const char* key;
  const char* label_group;
  const char* label;
  double width;
};
constexpr RegisterColumn kRegisterColumns[] = {
    {"number", "text", "number", 6},           {"name", "fields", "name", 10},
    {"gender", "fields", "gender", 6},         {"birth_date", "fields", "birth_date", 12},
    {"grade", "fields", "grade", 6},           {"place", "text", "class", 18},
    {"left_behind_type", "fields", "left_behind_type", 14}, {"care_arrangement", "fields", "care_arrangement", 12},
    {"guardian", "text", "guardian", 14},      {"phone", "text", "contact", 14},
    {"home_address", "fields", "home_address", 24}, {"risk_level", "fields", "risk_level", 8}};

// The list's columns when the request names none: what the children page shows, and more.
const std::vector<std::string> kDefaultListColumns = {"name", "gender", "birth_date", "org", "grade",
                                                      "left_behind_type", "care_arrangement", "risk_level",
                                                      "completeness"};

std::string Text(const nlohmann::json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

Result<std::vector<std::string>> ListColumns(const QueryParameters& parameters) {
  const std::string given = Parameter(parameters, "columns");
  if (given.empty()) return kDefaultListColumns;
  std::vector<std::string> columns;
  for (std::size_t start = 0; start <= given.size();) {
    const std::size_t comma = std::min(given.find(',', start), given.size());
    const std::string column = given.substr(start, comma - start);
    const bool known = column == "org" || column == "grade" || column == "boarding" || column == "completeness" ||
                       domain::FindChildTextField(column) != nullptr;
    if (!known || columns.size() >= 64) {
      return Status::InvalidArgument("columns", column).WithReason("invalid_choice");
    }
    columns.push_back(column);
    start = comma + 1;
  }
  return columns;
}

// Writes `write` into a new workbook and answers with it as `file_name`.
Response Workbook(const Request& request, Context& context, const std::string& sheet, const std::string& file_name,
                  const std::function<Status(office::XlsxWriter&)>& write) {
  const std::filesystem::path path = NewDownloadFile(context.settings.data_dir);
  Status written;
  {
    office::XlsxWriter writer(path, sheet);
    written = write(writer);
    Status closed = writer.Close();
    if (written.ok()) written = closed;
  }
  if (!written.ok()) {
    std::error_code error;
    std::filesystem::remove(path, error);
    return ErrorResponse(written, request);
  }
  return XlsxDownload(path, file_name, request);
}

}  // namespace

Response HandleClassRegisterXlsx(const Request& request, Context& context) {
  auto printing = Gather(request, context);
  if (!printing.ok()) return ErrorResponse(printing.status(), request);
  const nlohmann::json& labels = *printing->labels;
  const PrintView& view = *printing->view;
  const std::string org = Parameter(printing->parameters, "org");
  const std::string title = Text(labels["title"]["class_register"]);
  return Workbook(request, context, title, title + ".xlsx", [&](office::XlsxWriter& writer) {
    std::vector<double> widths;
    std::vector<std::string> header;
    for (const RegisterColumn& column : kRegisterColumns) {
      widths.push_back(column.width);
      header.push_back(Label(labels, column.label_group, column.label));
    }
    writer.Widths(widths);
    writer.Title((org.empty() ? "" : view.Place(org) + " ") + title + "  " + Label(labels, "text", "printed_at") + " " +
                     BeijingDate(),
                 header.size());
    writer.Header(header);
    for (std::size_t i = 0; i < printing->records.size(); ++i) {
      const nlohmann::json row = view.RegisterRow(printing->records[i], i + 1);
      std::vector<std::string> cells;
      for (const RegisterColumn& column : kRegisterColumns) cells.push_back(Text(row[column.key]));
      writer.Row(cells);
    }
    writer.Row({});
    writer.Row({view.Note()});
    return Status::Ok();
  });
}

Response HandleContactCardsXlsx(const Request& request, Context& context) {
  auto printing = Gather(request, context);
  if (!printing.ok()) return ErrorResponse(printing.status(), request);
  const nlohmann::json& labels = *printing->labels;
  const PrintView& view = *printing->view;
  const std::string title = Text(labels["title"]["contact_cards"]);
  auto field = [&](const char* key) { return Label(labels, "fields", key); };
  return Workbook(request, context, title, title + ".xlsx", [&](office::XlsxWriter& writer) {
    writer.Widths({14, 16, 12, 16, 12, 16});
    // One card after another, each a block of rows in the printed card's order.
    for (const domain::ChildRecord& record : printing->records) {
      const nlohmann::json card = view.Card(record);
      writer.Title(title + " · " + Text(card["name"]), 6);
      writer.Row({field("name"), Text(card["name"]), field("gender"), Text(card["gender"]), field("birth_date"),
                  Text(card["birth_date"])});
      writer.Row({Label(labels, "text", "class"), Text(card["place"]), field("grade"), Text(card["grade"]),
                  field("boarding"), Text(card["boarding"])});
      writer.Row({field("left_behind_type"), Text(card["left_behind_type"]), field("care_arrangement"),
                  Text(card["care_arrangement"]), field("health"), Text(card["health"])});
      writer.Row({field("home_address"), Text(card["home_address"])});
      writer.Header({Label(labels, "text", "parents"), field("name"), field("phone"), field("work_city"),
                     field("employer"), field("employer_phone")});
      for (const auto& parent : card["parents"]) {
        writer.Row({Text(parent["relation"]), Text(parent["name"]), Text(parent["phone"]), Text(parent["work_city"]),
                    Text(parent["employer"]), Text(parent["employer_phone"])});
      }
      writer.Header({Label(labels, "text", "guardians"), field("name"), field("phone"), field("age"),
                     field("occupation"), field("address")});
      for (const auto& guardian : card["guardians"]) {
        writer.Row({Text(guardian["relation"]), Text(guardian["name"]), Text(guardian["phone"]), Text(guardian["age"]),
                    Text(guardian["occupation"]), Text(guardian["address"])});
      }
      writer.Row({});
    }
    writer.Row({view.Note()});
    return Status::Ok();
  });
}

Response HandleExportChildren(const Request& request, Context& context) {
  auto parameters = ParseQuery(request.query);
  if (!parameters) return ErrorResponse(Status::InvalidArgument("query", "malformed").WithReason("bad_query"), request);
  auto query = ParseChildQuery(*parameters, context, request);
  if (!query.ok()) return ErrorResponse(query.status(), request);
  auto columns = ListColumns(*parameters);
  if (!columns.ok()) return ErrorResponse(columns.status(), request);
  auto reason = UnmaskedReason(*parameters);
  if (!reason.ok()) return ErrorResponse(reason.status(), request);
  auto places = context.orgs.PlaceNames(request.caller->user);
  if (!places.ok()) return ErrorResponse(places.status(), request);
  const nlohmann::json& labels = LabelsFor(PrintLanguage(Parameter(*parameters, "lang"), request.language));
  const PrintView view(labels, !reason->empty(), std::move(places).value());
  const std::string org = Parameter(*parameters, "org");
  const std::string title = Text(labels["title"]["children_list"]);
  return Workbook(request, context, title, title + ".xlsx", [&](office::XlsxWriter& writer) {
    std::vector<std::string> header;
    std::vector<double> widths;
    for (const std::string& column : *columns) {
      header.push_back(Label(labels, "fields", column.c_str()));
      widths.push_back(column == "id_number" || column == "home_address" || column == "org" ? 20 : 10);
    }
    writer.Widths(widths);
    writer.Title((org.empty() ? "" : view.Place(org) + " ") + title + "  " + Label(labels, "text", "exported_at") + " " +
                     BeijingDate() + "  " + view.Note(),
                 header.size());
    writer.Header(header);
    return context.children.Export(*query, *reason, request.caller->user, ActorOf(request),
                                   [&](const domain::Child& child) {
                                     std::vector<std::string> cells;
                                     for (const std::string& column : *columns) cells.push_back(view.ListCell(child, column));
                                     writer.Row(cells);
                                     return Status::Ok();
                                   });
  });
}

}  // namespace sw::http
