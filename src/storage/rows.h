// Values, parameters and result rows exchanged with either backend.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sw::storage {

// NULL, INTEGER (also booleans), REAL, TEXT. Parameters and results use the same type.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
using Params = std::vector<Value>;

inline constexpr Value kNull{};

// Rows by position, in the order the statement selects its columns. (Column names were copied
// for every query and never read.)
class Rows {
 public:
  void Add(std::vector<Value> row) { rows_.push_back(std::move(row)); }

  std::size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  const std::vector<Value>& operator[](std::size_t row) const { return rows_[row]; }
  auto begin() const { return rows_.begin(); }
  auto end() const { return rows_.end(); }
  // Mutable, for values taken out of the rows (TakeText).
  auto begin() { return rows_.begin(); }
  auto end() { return rows_.end(); }

 private:
  std::vector<std::vector<Value>> rows_;
};

bool IsNull(const Value& value);
// Integers as they are, text parsed, REAL truncated; 0 for NULL or unparsable text.
std::int64_t AsInt(const Value& value);
// Text as it is, numbers formatted; "" for NULL.
std::string AsText(const Value& value);
// AsText, moving text out of the value rather than copying it (the value is left unspecified).
std::string TakeText(Value& value);

}  // namespace sw::storage
