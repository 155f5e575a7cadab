// Classes as rosters write them — 三年级1班, 三年级一班, 3(1)班, 3.1班, 初一(2)班, 高二3班 — read
// as a grade and a class number, so that a file's class is found among the school's classes
// however either was written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sw::domain {

struct ClassPlace {
  std::int64_t grade = 0;   // 1–6 primary, 7–9 junior (初一 = 7), 10–12 senior (高一 = 10)
  std::int64_t number = 0;  // the class within its grade, from 1
  bool operator==(const ClassPlace&) const = default;
};

// The grade a text names: "三年级", "3", "3年级", "初一", "七年级", "高二"; nullopt otherwise.
std::optional<std::int64_t> ParseGrade(std::string_view text);

// The grade and number a class name gives; nullopt when it gives neither clearly.
std::optional<ClassPlace> ParseClassName(std::string_view name);

// The name a new class is given: 三年级1班, 八年级2班, 高一3班.
std::string ClassNameOf(const ClassPlace& place);

// A class name as compared when it has no grade and number: NFKC, without spaces.
std::string ComparableClassName(std::string_view name);

}  // namespace sw::domain
