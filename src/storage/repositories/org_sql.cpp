#include "storage/repositories/scope_sql.h"
#include "storage/repositories/sql_repositories.h"

namespace sw::storage {
namespace {

using domain::Org;

Org OrgFromRow(const std::vector<Value>& row) {
  return Org{.id = AsText(row[0]), .parent_id = AsText(row[1]), .county_id = AsText(row[2]),
             .kind = domain::ParseOrgKind(AsText(row[3])).value_or(domain::OrgKind::kSchool),
             .code = AsText(row[4]), .name = AsText(row[5]), .active = AsInt(row[6]) != 0};
}

Value TextOrNull(const std::string& text) { return text.empty() ? Value(kNull) : Value(text); }

}  // namespace

Result<std::vector<Org>> SqlOrgRepository::Select(const std::string& where, const Params& params) {
  auto rows = tx_.Query("SELECT id, parent_id, county_id, kind, code, name, active FROM orgs WHERE " + where +
                            " ORDER BY code",
                        params);
  if (!rows.ok()) return rows.status();
  std::vector<Org> orgs;
  for (const auto& row : *rows) orgs.push_back(OrgFromRow(row));
  return orgs;
}

Result<std::optional<Org>> SqlOrgRepository::SelectOne(const std::string& where, const Params& params) {
  auto orgs = Select(where, params);
  if (!orgs.ok()) return orgs.status();
  if (orgs->empty()) return std::optional<Org>();
  return std::optional<Org>(orgs->front());
}

Result<std::optional<Org>> SqlOrgRepository::FindByCode(std::string_view code) {
  return SelectOne("code = $1", {std::string(code)});
}

Result<std::optional<Org>> SqlOrgRepository::FindById(std::string_view id) {
  return SelectOne("id = $1", {std::string(id)});
}

Result<std::optional<Org>> SqlOrgRepository::FindByCodeInScope(std::string_view code, const domain::Scope& scope) {
  Params params{std::string(code)};
  return SelectOne("code = $1 AND " + InScope("id", scope, params, SubtreeTest::kPerRow), params);
}

Result<std::vector<Org>> SqlOrgRepository::ListInScope(const domain::Scope& scope) {
  Params params;
  return Select(InScope("id", scope, params), params);
}

Result<std::map<std::string, std::string>> SqlOrgRepository::PlaceNamesInScope(const domain::Scope& scope) {
  Params params;
  auto rows = tx_.Query("SELECT o.code, CASE WHEN o.kind = 'class' THEN COALESCE(p.name, '') || ' ' || o.name "
                        "ELSE o.name END FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id WHERE " +
                            InScope("o.id", scope, params),
                        params);
  if (!rows.ok()) return rows.status();
  std::map<std::string, std::string> names;
  for (const auto& row : *rows) names.emplace(AsText(row[0]), AsText(row[1]));
  return names;
}

Result<std::vector<Org>> SqlOrgRepository::Roots() { return Select("parent_id IS NULL", {}); }

Status SqlOrgRepository::Insert(const Org& org) {
  Status status = tx_.Execute(
      "INSERT INTO orgs (id, parent_id, county_id, kind, code, name, active) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {org.id, TextOrNull(org.parent_id), TextOrNull(org.county_id), std::string(domain::OrgKindName(org.kind)),
       org.code, org.name, std::int64_t{org.active ? 1 : 0}});
  if (!status.ok()) return status;
  status = tx_.Execute("INSERT INTO org_closure (ancestor_id, descendant_id, depth) VALUES ($1, $1, 0)", {org.id});
  if (!status.ok() || org.parent_id.empty()) return status;
  return tx_.Execute(
      "INSERT INTO org_closure (ancestor_id, descendant_id, depth) "
      "SELECT ancestor_id, $1, depth + 1 FROM org_closure WHERE descendant_id = $2",
      {org.id, org.parent_id});
}

Status SqlOrgRepository::Update(const Org& org) {
  return tx_.Execute("UPDATE orgs SET name = $1, active = $2 WHERE id = $3",
                     {org.name, std::int64_t{org.active ? 1 : 0}, org.id});
}

Result<std::int64_t> SqlOrgRepository::CountActiveChildren(const std::string& org_id) {
  auto rows = tx_.Query("SELECT COUNT(*) FROM orgs WHERE parent_id = $1 AND active = 1", {org_id});
  if (!rows.ok()) return rows.status();
  return AsInt((*rows)[0][0]);
}

Status SqlOrgRepository::SetPupils(const std::string& org_id, const std::string& term_key, std::int64_t pupils) {
  return tx_.Execute(
      "INSERT INTO org_pupil_counts (org_id, term_key, pupils) VALUES ($1, $2, $3) "
      "ON CONFLICT (org_id, term_key) DO UPDATE SET pupils = excluded.pupils",
      {org_id, term_key, pupils});
}

Result<std::optional<int>> SqlOrgRepository::Pupils(const std::string& org_id, const std::string& term_key) {
  auto rows = tx_.Query("SELECT pupils FROM org_pupil_counts WHERE org_id = $1 AND term_key = $2", {org_id, term_key});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<int>();
  return std::optional<int>(static_cast<int>(AsInt((*rows)[0][0])));
}

Result<std::vector<domain::Term>> SqlOrgRepository::TermsOfCounty(const std::string& county_id) {
  std::vector<domain::Term> terms;
  if (county_id.empty()) return terms;
  auto rows = tx_.Query("SELECT term_key, name, starts_on, ends_on FROM terms WHERE county_id = $1 ORDER BY starts_on",
                        {county_id});
  if (!rows.ok()) return rows.status();
  for (const auto& row : *rows) {
    auto starts = domain::ParseDate(AsText(row[2]));
    auto ends = domain::ParseDate(AsText(row[3]));
    if (!starts || !ends) return Status::Internal("terms row with a malformed date");
    terms.push_back({AsText(row[0]), AsText(row[1]), *starts, *ends});
  }
  return terms;
}

Status SqlOrgRepository::SaveTerm(const std::string& county_id, const domain::Term& term) {
  return tx_.Execute(
      "INSERT INTO terms (county_id, term_key, name, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT (county_id, term_key) DO UPDATE SET name = excluded.name, starts_on = excluded.starts_on, "
      "ends_on = excluded.ends_on",
      {county_id, term.key, term.name, domain::FormatDate(term.starts_on), domain::FormatDate(term.ends_on)});
}

}  // namespace sw::storage
