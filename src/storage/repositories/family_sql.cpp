// Parents and guardians in SQL; columns follow domain::FamilyTextFields like children's do.
#include "storage/repositories/row_sql.h"
#include "storage/repositories/sql_repositories.h"

namespace sw::storage {
namespace {

using domain::FamilyMember;

// Every stored column, in the order of ValuesOf.
const std::vector<std::string>& StoredColumns() {
  static const std::vector<std::string> kColumns = [] {
    std::vector<std::string> columns = {"id", "child_id", "county_id"};
    for (const auto& field : domain::FamilyTextFields()) columns.emplace_back(field.name);
    for (const char* column : {"age", "months_away", "phone_reversed", "version", "created_at", "updated_at"}) {
      columns.emplace_back(column);
    }
    return columns;
  }();
  return kColumns;
}

Params ValuesOf(const FamilyMember& member) {
  Params values;
  values.reserve(StoredColumns().size());
  values.insert(values.end(), {member.id, member.child_id, member.county_id.empty() ? kNull : Value(member.county_id)});
  for (const auto& field : domain::FamilyTextFields()) values.emplace_back(member.*field.member);
  const std::string reversed(member.phone.rbegin(), member.phone.rend());
  values.insert(values.end(), {OptionalInt(member.age), OptionalInt(member.months_away),
                               reversed.empty() ? kNull : Value(reversed), member.version, member.created_at,
                               member.updated_at});
  return values;
}

FamilyMember MemberFromRow(const std::vector<Value>& row) {
  FamilyMember member;
  std::size_t at = 0;
  member.id = AsText(row[at++]);
  member.child_id = AsText(row[at++]);
  member.county_id = AsText(row[at++]);
  for (const auto& field : domain::FamilyTextFields()) member.*field.member = AsText(row[at++]);
  if (!IsNull(row[at])) member.age = AsInt(row[at]);
  ++at;
  if (!IsNull(row[at])) member.months_away = AsInt(row[at]);
  at += 2;  // phone_reversed is for searching only
  member.version = AsInt(row[at++]);
  member.created_at = AsText(row[at++]);
  member.updated_at = AsText(row[at]);
  return member;
}

std::string ColumnList() {
  std::string columns;
  for (const std::string& column : StoredColumns()) columns += (columns.empty() ? "" : ", ") + column;
  return columns;
}

}  // namespace

Result<std::vector<FamilyMember>> SqlChildRepository::Family(const std::string& child_id) {
  // Parents first, then guardians, each in the order they were added.
  auto rows = tx_.Query("SELECT " + ColumnList() + " FROM family_members WHERE child_id = $1 ORDER BY kind DESC, created_at, id",
                        {child_id});
  if (!rows.ok()) return rows.status();
  std::vector<FamilyMember> members;
  for (const auto& row : *rows) members.push_back(MemberFromRow(row));
  return members;
}

Status SqlChildRepository::InsertFamilyMember(const FamilyMember& member) {
  return InsertRow(tx_, "family_members", StoredColumns(), ValuesOf(member));
}

Status SqlChildRepository::InsertFamilyMembers(std::span<const FamilyMember> members) {
  return InsertRows(tx_, "family_members", StoredColumns(), members, ValuesOf);
}

Status SqlChildRepository::UpdateFamilyMember(FamilyMember& member) {
  auto version = UpdateVersionedRow(tx_, "family_members", StoredColumns(), ValuesOf(member));
  if (!version.ok()) return version.status();
  member.version = *version;
  return Status::Ok();
}

Status SqlChildRepository::DeleteFamilyMember(const FamilyMember& member) {
  return tx_.Execute("DELETE FROM family_members WHERE id = $1 AND child_id = $2", {member.id, member.child_id});
}

}  // namespace sw::storage
