// JSON written straight to text, for long answers: a page of twenty children built as a
// nlohmann::json tree and then dumped was a fifth of its request's CPU (docs/performance.md).
// RapidJSON's writer does the escaping and the numbers; this names only what Shouwang writes,
// so its headers stay out of everything that includes this one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace sw {

class JsonWriter {
 public:
  // `expected_bytes`: room made at first, so that a long answer is not copied as it grows.
  explicit JsonWriter(std::size_t expected_bytes = 256);
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  // A key Shouwang names itself: ASCII letters, digits and underscores, written as it is. A list
  // page's 260 keys were escaped character by character, 5% of its request.
  JsonWriter& Key(std::string_view key);
  // A key from data (a custom field's), escaped as a string is.
  JsonWriter& EscapedKey(std::string_view key);
  JsonWriter& String(std::string_view text);
  JsonWriter& Int(std::int64_t number);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // The value, or null when there is none.
  JsonWriter& Optional(const std::optional<int>& number);
  JsonWriter& Optional(const std::optional<bool>& value);
  // An object of text values, keys in their order.
  JsonWriter& Object(const std::map<std::string, std::string>& values);

  // The text written so far; the writer is then empty.
  std::string Take();

 private:
  struct Text;
  std::unique_ptr<Text> text_;
};

}  // namespace sw
