#include "core/json_writer.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace sw {

struct JsonWriter::Text {
  explicit Text(std::size_t capacity) : buffer(nullptr, capacity) {}
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer{buffer};
};

namespace {

rapidjson::SizeType Length(std::string_view text) { return static_cast<rapidjson::SizeType>(text.size()); }

}  // namespace

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
  for (const auto& [key, value] : values) Key(key).String(value);
  return EndObject();
}

std::string JsonWriter::Take() {
  std::string text(text_->buffer.GetString(), text_->buffer.GetSize());
  text_->buffer.Clear();
  text_->writer.Reset(text_->buffer);
  return text;
}

}  // namespace sw
