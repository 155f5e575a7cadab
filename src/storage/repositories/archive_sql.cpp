// Extra field definitions and required fields per organisation, in SQL. Lists (choices,
// required names) are stored one per line: they are read and written whole, never searched.
#include "storage/repositories/row_sql.h"
#include "storage/repositories/sql_repositories.h"

namespace sw::storage {
namespace {

using domain::ExtraField;

const std::vector<std::string>& FieldColumns() {
  static const std::vector<std::string> kColumns = {"id",     "org_id",  "field_key",  "label",     "kind",
                                                    "choices", "active", "version", "created_at", "updated_at"};
  return kColumns;
}

std::string JoinLines(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : "\n") + item;
  return text;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    items.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

Params ValuesOf(const ExtraField& field) {
  return {field.id,     field.org_id,  field.key,        field.label,          field.kind, JoinLines(field.choices),
          std::int64_t{field.active}, field.version, field.created_at, field.updated_at};
}

ExtraField FieldFromRow(const std::vector<Value>& row) {
  return {.id = AsText(row[0]),
          .org_id = AsText(row[1]),
          .org_code = AsText(row[10]),
          .key = AsText(row[2]),
          .label = AsText(row[3]),
          .kind = AsText(row[4]),
          .choices = SplitLines(AsText(row[5])),
          .active = AsInt(row[6]) != 0,
          .version = AsInt(row[7]),
          .created_at = AsText(row[8]),
          .updated_at = AsText(row[9])};
}

}  // namespace

Result<std::vector<ExtraField>> SqlArchiveSettingsRepository::FieldsFor(const std::string& org_id) {
  auto rows = tx_.Query(
      "SELECT f.id, f.org_id, f.field_key, f.label, f.kind, f.choices, f.active, f.version, f.created_at, "
      "f.updated_at, o.code FROM child_fields f JOIN orgs o ON o.id = f.org_id "
      "JOIN org_closure oc ON oc.ancestor_id = f.org_id WHERE oc.descendant_id = $1 ORDER BY f.created_at, f.id",
      {org_id});
  if (!rows.ok()) return rows.status();
  std::vector<ExtraField> fields;
  for (const auto& row : *rows) fields.push_back(FieldFromRow(row));
  return fields;
}

Result<bool> SqlArchiveSettingsRepository::FieldKeyInUse(const std::string& org_id, const std::string& key) {
  auto rows = tx_.Query(
      "SELECT 1 FROM child_fields f WHERE f.field_key = $2 AND f.org_id IN ("
      "SELECT ancestor_id FROM org_closure WHERE descendant_id = $1 UNION "
      "SELECT descendant_id FROM org_closure WHERE ancestor_id = $1)",
      {org_id, key});
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

Status SqlArchiveSettingsRepository::InsertField(const ExtraField& field) {
  return InsertRow(tx_, "child_fields", FieldColumns(), ValuesOf(field));
}

Status SqlArchiveSettingsRepository::UpdateField(ExtraField& field) {
  auto version = UpdateVersionedRow(tx_, "child_fields", FieldColumns(), ValuesOf(field));
  if (!version.ok()) return version.status();
  field.version = *version;
  return Status::Ok();
}

Result<std::optional<domain::Requirement>> SqlArchiveSettingsRepository::RequirementFor(const std::string& org_id) {
  auto rows = tx_.Query(
      "SELECT r.org_id, o.code, r.fields FROM archive_requirements r JOIN orgs o ON o.id = r.org_id "
      "JOIN org_closure oc ON oc.ancestor_id = r.org_id WHERE oc.descendant_id = $1 ORDER BY oc.depth LIMIT 1",
      {org_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<domain::Requirement>();
  const auto& row = (*rows)[0];
  return std::optional<domain::Requirement>(
      domain::Requirement{.org_id = AsText(row[0]), .org_code = AsText(row[1]), .fields = SplitLines(AsText(row[2]))});
}

Status SqlArchiveSettingsRepository::SetRequirement(const std::string& org_id, const std::vector<std::string>& fields,
                                                    const std::string& at) {
  return tx_.Execute(
      "INSERT INTO archive_requirements (org_id, fields, updated_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (org_id) DO UPDATE SET fields = excluded.fields, updated_at = excluded.updated_at",
      {org_id, JoinLines(fields), at});
}

Status SqlArchiveSettingsRepository::ClearRequirement(const std::string& org_id) {
  return tx_.Execute("DELETE FROM archive_requirements WHERE org_id = $1", {org_id});
}

}  // namespace sw::storage
