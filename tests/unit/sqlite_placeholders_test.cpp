#include <gtest/gtest.h>

#include "storage/rows.h"
#include "storage/sqlite/sqlite_connection.h"

namespace sw::storage::sqlite {
namespace {

TEST(SqlitePlaceholders, WritesTheNextParameterBare) {
  EXPECT_EQ(ToSqlitePlaceholders("SELECT * FROM t WHERE a = $1 AND b = $2"),
            "SELECT * FROM t WHERE a = ? AND b = ?");
  EXPECT_EQ(ToSqlitePlaceholders("SELECT * FROM t WHERE a IN ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"),
            "SELECT * FROM t WHERE a IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
}

TEST(SqlitePlaceholders, NumbersARepeatOrAJump) {
  EXPECT_EQ(ToSqlitePlaceholders("UPDATE t SET a = $2 WHERE b = $1 AND a <> $2 AND c = $3"),
            "UPDATE t SET a = ?2 WHERE b = ?1 AND a <> ?2 AND c = ?");
  EXPECT_EQ(ToSqlitePlaceholders("SELECT $1, $1, $2"), "SELECT ?, ?1, ?");
  EXPECT_EQ(ToSqlitePlaceholders("SELECT $x, $1"), "SELECT $x, ?");  // not ours: left as written
}

// SQLite itself numbers the rewritten parameters as the $N meant them.
TEST(SqlitePlaceholders, BindEachValueWhereItsNumberStands) {
  auto connection = SqliteConnection::Open(":memory:", SqliteConnection::Mode::kReadWrite, 1000);
  ASSERT_TRUE(connection.ok()) << connection.status().ToString();
  auto rows = (*connection)->Query("SELECT $2, $1, $2, $3, '$4', $5, $4", {"b", "a", "c", "d", "e"});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  std::vector<std::string> got;
  for (const Value& value : (*rows)[0]) got.push_back(AsText(value));
  EXPECT_EQ(got, (std::vector<std::string>{"a", "b", "a", "c", "$4", "e", "d"}));
}

TEST(SqlitePlaceholders, LeavesQuotedTextAlone) {
  EXPECT_EQ(ToSqlitePlaceholders("SELECT '$1', \"$2\" FROM t WHERE x = $1"),
            "SELECT '$1', \"$2\" FROM t WHERE x = ?");
  EXPECT_EQ(ToSqlitePlaceholders("SELECT 'it''s $1' WHERE y = $3"), "SELECT 'it''s $1' WHERE y = ?3");
}

}  // namespace
}  // namespace sw::storage::sqlite
