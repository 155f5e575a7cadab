#include "core/json_writer.h"

#include <algorithm>
#include <cassert>
#include <cstring>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace sw {

namespace {

rapidjson::SizeType Length(std::string_view text) { return static_cast<rapidjson::SizeType>(text.size()); }

[[maybe_unused]] bool IsPlainKey(std::string_view key) {  // for the assertion in Key
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// RapidJSON's writer with a key copied whole: its Prefix (the comma and the nesting it checks)
// is for a writer's own kind to use.
class Writer : public rapidjson::Writer<rapidjson::StringBuffer> {
 public:
  using rapidjson::Writer<rapidjson::StringBuffer>::Writer;

  void PlainKey(std::string_view key) {
    Prefix(rapidjson::kStringType);
    char* out = os_->Push(key.size() + 2);
    out[0] = '"';
    std::memcpy(out + 1, key.data(), key.size());
    out[key.size() + 1] = '"';
  }
};

}  // namespace

struct JsonWriter::Text {
  explicit Text(std::size_t capacity) : buffer(nullptr, capacity) {}
  rapidjson::StringBuffer buffer;
  Writer writer{buffer};
};

JsonWriter::JsonWriter(std::size_t expected_bytes) : text_(std::make_unique<Text>(expected_bytes)) {}
JsonWriter::~JsonWriter() = default;

JsonWriter& JsonWriter::BeginObject() {
  text_->writer.StartObject();
  return *this;
}

JsonWriter& JsonWriter::EndObject() {
  text_->writer.EndObject();
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  text_->writer.StartArray();
  return *this;
}

JsonWriter& JsonWriter::EndArray() {
  text_->writer.EndArray();
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  assert(IsPlainKey(key));
  text_->writer.PlainKey(key);
  return *this;
}

JsonWriter& JsonWriter::EscapedKey(std::string_view key) {
  text_->writer.Key(key.data(), Length(key));
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view text) {
  text_->writer.String(text.data(), Length(text));
  return *this;
}

JsonWriter& JsonWriter::Int(std::int64_t number) {
  text_->writer.Int64(number);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  text_->writer.Bool(value);
  return *this;
}

JsonWriter& JsonWriter::Null() {
  text_->writer.Null();
  return *this;
}

JsonWriter& JsonWriter::Optional(const std::optional<int>& number) { return number ? Int(*number) : Null(); }

JsonWriter& JsonWriter::Optional(const std::optional<bool>& value) { return value ? Bool(*value) : Null(); }

JsonWriter& JsonWriter::Object(const std::map<std::string, std::string>& values) {
  BeginObject();
  for (const auto& [key, value] : values) EscapedKey(key).String(value);
  return EndObject();
}

std::string JsonWriter::Take() {
  std::string text(text_->buffer.GetString(), text_->buffer.GetSize());
  text_->buffer.Clear();
  text_->writer.Reset(text_->buffer);
  return text;
}

}  // namespace sw
