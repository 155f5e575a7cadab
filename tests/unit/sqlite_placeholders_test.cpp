#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_connection.h"

namespace sw::storage::sqlite {
namespace {

TEST(SqlitePlaceholders, RewritesDollarParameters) {
  EXPECT_EQ(ToSqlitePlaceholders("SELECT * FROM t WHERE a = $1 AND b = $2"),
            "SELECT * FROM t WHERE a = ?1 AND b = ?2");
}

TEST(SqlitePlaceholders, LeavesQuotedTextAlone) {
  EXPECT_EQ(ToSqlitePlaceholders("SELECT '$1', \"$2\" FROM t WHERE x = $1"),
            "SELECT '$1', \"$2\" FROM t WHERE x = ?1");
  EXPECT_EQ(ToSqlitePlaceholders("SELECT 'it''s $1' WHERE y = $3"), "SELECT 'it''s $1' WHERE y = ?3");
}

}  // namespace
}  // namespace sw::storage::sqlite
