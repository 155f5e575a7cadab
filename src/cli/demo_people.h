// The people of the demo data, shared by the demo county and the generated province: seeded
// dice, Chinese names drawn by how common each surname really is (polyphone surnames such as
// 单 Shàn, 解 Xiè, 曾 Zēng and 区 Ōu included, so pinyin sorting is exercised), children with
// valid ID numbers of their county and birth year, parents working in the cities left-behind
// parents go to, and the grandparents or relatives who keep them.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "domain/children/child.h"
#include "domain/children/family.h"

namespace sw::cli {

// Seeded choices, so demo data is the same on every machine for the same seed.
class Dice {
 public:
  explicit Dice(std::uint64_t seed) : engine_(seed) {}
  int Between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(engine_); }
  bool Chance(double probability) { return std::bernoulli_distribution(probability)(engine_); }
  template <typename T, std::size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Between(0, static_cast<int>(N) - 1)];
  }
  std::string Digits(int count);
  std::string Mobile();
  // 32 hex digits: a record id that is the same for the same seed, in the order made (generated
  // data only; real records take NewId).
  std::string HexId();
  std::mt19937_64& engine() { return engine_; }

 private:
  std::mt19937_64 engine_;
  std::uint64_t ids_made_ = 0;
};

// A surname, as often as it is borne in China.
std::string Surname(Dice& dice);

// Where a child lives: the county whose ID numbers it gets and the villages of its township.
struct Hometown {
  std::string county_code;             // six digits (GB/T 2260)
  std::string household_registration;  // 安徽省来安县
  std::string township;                // 青山镇
  std::vector<std::string> villages;
};

// Hands out ID numbers of a county without repeating one: the sequence code is unique among the
// children born on each day, odd for boys and even for girls.
class IdNumbers {
 public:
  std::string Next(const std::string& county_code, const std::string& birth_date, bool boy);

 private:
  std::map<std::string, int> born_;  // county + birth date → children numbered so far
};

// A left-behind child of `grade` (1–9) as its school would archive it on `today`: a tenth have
// no ID number yet and a few no address, so the figures have gaps to show.
domain::Child MakeChild(Dice& dice, int grade, const Hometown& home, std::chrono::year_month_day today,
                        IdNumbers& ids);

// The parents away at work (one or both, by the child's left-behind type) and the guardian at
// home (none when nobody looks after the child).
std::vector<domain::FamilyMember> FamilyOf(Dice& dice, const domain::Child& child);

// An adult's name: a teacher's or a cadre's.
std::string AdultName(Dice& dice);

}  // namespace sw::cli
