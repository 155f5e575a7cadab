#include "core/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sw {
namespace {

// Every ASCII character, the control characters JSON must escape among them, and text beyond
// ASCII (Chinese, a character outside the Basic Multilingual Plane) read back as written.
TEST(JsonWriter, TextReadsBackAsWritten) {
  std::string ascii;
  for (int c = 0; c < 128; ++c) ascii += static_cast<char>(c);
  for (const std::string& text : {ascii, std::string("王小明 \"阿明\" \\ 𠮷野家"), std::string()}) {
    JsonWriter out;
    out.BeginArray().String(text).EndArray();
    const std::string written = out.Take();
    EXPECT_EQ(nlohmann::json::parse(written)[0].get<std::string>(), text) << written;
  }
}

TEST(JsonWriter, WritesObjectsArraysAndEveryKindOfValue) {
  JsonWriter out;
  out.BeginObject();
  out.Key("name").String("李四").Key("count").Int(-9007199254740993).Key("yes").Bool(true).Key("no").Bool(false);
  out.Key("nothing").Null().Key("grade").Optional(std::optional<int>(3)).Key("boarding").Optional(std::optional<bool>());
  out.Key("extra").Object({{"b", "2"}, {"a", "1"}}).Key("list").BeginArray().Int(1).BeginObject().EndObject().EndArray();
  out.EndObject();
  const nlohmann::json expected = {{"name", "李四"},  {"count", -9007199254740993}, {"yes", true},
                                   {"no", false},     {"nothing", nullptr},        {"grade", 3},
                                   {"boarding", nullptr}, {"extra", {{"a", "1"}, {"b", "2"}}},
                                   {"list", {1, nlohmann::json::object()}}};
  EXPECT_EQ(nlohmann::json::parse(out.Take()), expected);
}

TEST(JsonWriter, SeparatesValuesAndEscapesAsJsonAsks) {
  JsonWriter out;
  out.BeginArray().BeginArray().EndArray().BeginArray().Int(1).Int(-2).EndArray();
  out.BeginObject().Key("a").BeginArray().EndArray().EscapedKey("b\"").String("\t\x01\\/é").EndObject().EndArray();
  EXPECT_EQ(out.Take(), R"([[],[1,-2],{"a":[],"b\"":"\t\u0001\\/é"}])");
}

// Shouwang's own keys are copied as they are, separated and nested as escaped ones are; a key
// from data is escaped, and one that needs escaping is refused as a plain key.
TEST(JsonWriter, PlainKeysAreCopiedAndKeysFromDataEscaped) {
  JsonWriter out;
  out.BeginObject().Key("first_key").Int(1).Key("Second2").BeginObject().Key("x").Null().EndObject();
  out.Key("extra").Object({{"备注\"", "a"}, {"b", "c"}}).EndObject();
  EXPECT_EQ(out.Take(), R"({"first_key":1,"Second2":{"x":null},"extra":{"b":"c","备注\"":"a"}})");
  EXPECT_DEBUG_DEATH(JsonWriter().BeginObject().Key("b\""), "IsPlainKey");
  EXPECT_DEBUG_DEATH(JsonWriter().BeginObject().Key("备注"), "IsPlainKey");
}

TEST(JsonWriter, TakeEmptiesTheWriterForTheNextValue) {
  JsonWriter out;
  out.BeginArray().Int(1).EndArray();
  EXPECT_EQ(out.Take(), "[1]");
  out.BeginObject().Key("a").String("b").EndObject();
  EXPECT_EQ(out.Take(), R"({"a":"b"})");
}

}  // namespace
}  // namespace sw
