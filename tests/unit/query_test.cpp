#include <gtest/gtest.h>

#include "http/query.h"

namespace sw::http {
namespace {

TEST(ParseQuery, DecodesNamesAndValues) {
  auto query = ParseQuery("action=session.login&from=2026-11-01&name=%E5%BC%A0%E4%B8%89+x&empty=&flag");
  ASSERT_TRUE(query);
  EXPECT_EQ(query->at("action"), "session.login");
  EXPECT_EQ(query->at("name"), "张三 x");
  EXPECT_EQ(query->at("empty"), "");
  EXPECT_EQ(query->at("flag"), "");
  EXPECT_TRUE(ParseQuery("")->empty());
}

TEST(ParseQuery, RefusesBrokenEscapesAndNonUtf8) {
  EXPECT_FALSE(ParseQuery("a=%"));
  EXPECT_FALSE(ParseQuery("a=%4"));
  EXPECT_FALSE(ParseQuery("a=%zz"));
  EXPECT_FALSE(ParseQuery("a=%FF"));
  EXPECT_FALSE(ParseQuery("a=%C0%AF"));  // overlong '/'
  EXPECT_FALSE(ParseQuery("a=%ED%A0%80"));  // a surrogate
  EXPECT_TRUE(ParseQuery("a=%F0%9F%98%80"));  // 😀
}

}  // namespace
}  // namespace sw::http
