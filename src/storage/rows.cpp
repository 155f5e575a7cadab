#include "storage/rows.h"

#include <charconv>
#include <utility>

namespace sw::storage {

bool IsNull(const Value& value) { return std::holds_alternative<std::monostate>(value); }

std::int64_t AsInt(const Value& value) {
  if (auto number = std::get_if<std::int64_t>(&value)) return *number;
  if (auto real = std::get_if<double>(&value)) return static_cast<std::int64_t>(*real);
  if (auto text = std::get_if<std::string>(&value)) {
    std::int64_t parsed = 0;
    std::from_chars(text->data(), text->data() + text->size(), parsed);
    return parsed;
  }
  return 0;
}

std::string AsText(const Value& value) {
  if (auto text = std::get_if<std::string>(&value)) return *text;
  if (auto number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
  if (auto real = std::get_if<double>(&value)) return std::to_string(*real);
  return "";
}

std::string TakeText(Value& value) {
  if (auto text = std::get_if<std::string>(&value)) return std::move(*text);
  return AsText(value);
}

}  // namespace sw::storage
