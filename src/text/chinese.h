// Chinese text for search and sorting: the pinyin of a person's name, traditional characters
// folded to simplified, and full-width input folded to half-width. Backed by ICU and OpenCC
// (Debian packages) rather than tables of our own; each thread keeps its own converters.
#pragma once

#include <string>
#include <string_view>

namespace sw::text {

// The pinyin of a name, toneless and lower case. The surname (one character, or a compound
// surname such as 欧阳 or 尉迟) is read as a surname — 曾 zeng, 单 shan, 解 xie, 区 ou — and the
// given name with ordinary readings.
struct NamePinyin {
  std::string syllables;  // "zeng xiao ming": sorts 李华 (li hua) before 梁 (liang)
  std::string joined;     // "zengxiaoming": what a full-pinyin search matches
  std::string initials;   // "zxm"
};
NamePinyin PinyinOfName(std::string_view name);
// The same, with the whole given name read by ICU's rules instead of its characters' readings
// kept from before: slower, and what tests hold PinyinOfName to.
NamePinyin PinyinOfNameByRules(std::string_view name);

// 張曉東 → 张晓东; other text unchanged.
std::string ToSimplified(std::string_view text);

// 联系电话 → 聯絡電話: simplified Chinese as Taiwan writes it (words too, OpenCC s2twp), for
// zh-TW labels made from zh-CN ones.
std::string ToTaiwanTraditional(std::string_view text);

// NFKC (full-width digits and letters to half-width, compatibility forms folded) and trimmed
// of surrounding white space, including the ideographic space.
std::string NormaliseInput(std::string_view text);

// Trimmed of surrounding white space (the ideographic space too) and nothing else: for prose,
// whose full-width punctuation NFKC would turn into ASCII.
std::string TrimProse(std::string_view text);

}  // namespace sw::text
