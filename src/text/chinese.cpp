#include "text/chinese.h"

#include <opencc/opencc.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uscript.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace sw::text {
namespace {

// Two-character surnames read as one surname (复姓). Without this 尉迟 would be read "wei chi".
constexpr std::array<std::u16string_view, 24> kCompoundSurnames = {
    u"欧阳", u"司马", u"上官", u"诸葛", u"东方", u"皇甫", u"尉迟", u"公孙", u"长孙", u"慕容", u"司徒", u"令狐",
    u"夏侯", u"宇文", u"澹台", u"轩辕", u"端木", u"独孤", u"南宫", u"万俟", u"呼延", u"闻人", u"西门", u"申屠"};

icu::UnicodeString FromUtf8(std::string_view text) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::unique_ptr<icu::Transliterator> MakeTransliterator(const char* id) {
  UErrorCode error = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> made(
      icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, error));
  if (U_FAILURE(error) || !made) throw std::runtime_error(std::string("ICU has no transliterator ") + id);
  return made;
}

// ICU documents transliterators as unsafe to share between threads.
const icu::Transliterator& SurnameReader() {
  thread_local const auto reader = MakeTransliterator("Han-Latin/Names; Latin-ASCII; Lower");
  return *reader;
}

const icu::Transliterator& PlainReader() {
  thread_local const auto reader = MakeTransliterator("Han-Latin; Latin-ASCII; Lower");
  return *reader;
}

// Compared in the name's own UTF-16, not as a UnicodeString made of each compound surname: the
// 24 made for every name were 2% of an import's instructions.
std::size_t SurnameLength(const icu::UnicodeString& name) {
  const std::u16string_view text(name.getBuffer(), static_cast<std::size_t>(name.length()));
  for (std::u16string_view compound : kCompoundSurnames) {
    if (text.starts_with(compound)) return 2;
  }
  return name.isEmpty() ? 0 : 1;
}

// Appends the syllables of `latin` (ICU's output: words separated by spaces, perhaps with
// punctuation such as the middle dot of minority names) to `pinyin`.
void AddSyllables(const icu::UnicodeString& latin, NamePinyin& pinyin) {
  std::string utf8;
  latin.toUTF8String(utf8);
  std::string syllable;
  auto flush = [&] {
    if (syllable.empty()) return;
    pinyin.syllables += (pinyin.syllables.empty() ? "" : " ") + syllable;
    pinyin.joined += syllable;
    pinyin.initials += syllable.front();
    syllable.clear();
  };
  for (char c : utf8) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      syllable += c;
    } else {
      flush();
    }
  }
  flush();
}

// ICU's Han-Latin reads each character alone ("::Han-Spacedhan" parts them) except in four
// place names, its only rules with context: 藏文, 重庆, 沈阳 and 秘鲁.
constexpr std::u16string_view kReadInContext = u"藏重沈秘";

// The syllables of one Han character of a given name, read by ICU once a thread and kept: the
// rules take about 30 µs a name, a fifth of an imported row, and names share their characters
// (a few thousand in all, so the cache stays small).
const std::string& SyllablesOf(UChar32 character) {
  thread_local std::unordered_map<UChar32, std::string> syllables;
  auto [kept, added] = syllables.try_emplace(character);
  if (added) {
    icu::UnicodeString latin(character);
    PlainReader().transliterate(latin);
    NamePinyin read;
    AddSyllables(latin, read);
    kept->second = std::move(read.syllables);
  }
  return kept->second;
}

// Whether every character of `given` is Han and read alone, so that SyllablesOf may read it.
bool ReadCharacterByCharacter(const icu::UnicodeString& given) {
  for (int32_t at = 0; at < given.length(); at = given.moveIndex32(at, 1)) {
    const UChar32 character = given.char32At(at);
    UErrorCode error = U_ZERO_ERROR;
    if (uscript_getScript(character, &error) != USCRIPT_HAN || U_FAILURE(error)) return false;
    if (character <= 0xFFFF && kReadInContext.find(static_cast<char16_t>(character)) != std::u16string_view::npos) {
      return false;
    }
  }
  return true;
}

void AddGivenName(const icu::UnicodeString& given, NamePinyin& pinyin) {
  if (!ReadCharacterByCharacter(given)) {
    icu::UnicodeString latin(given);
    PlainReader().transliterate(latin);
    AddSyllables(latin, pinyin);
    return;
  }
  for (int32_t at = 0; at < given.length(); at = given.moveIndex32(at, 1)) {
    const std::string& syllables = SyllablesOf(given.char32At(at));
    if (syllables.empty()) continue;
    pinyin.syllables += (pinyin.syllables.empty() ? "" : " ") + syllables;
    for (std::size_t start = 0; start < syllables.size();) {
      const std::size_t end = std::min(syllables.find(' ', start), syllables.size());
      pinyin.joined.append(syllables, start, end - start);
      pinyin.initials += syllables[start];
      start = end + 1;
    }
  }
}

// The reading of a surname as names read it, kept per thread as SyllablesOf keeps a given
// name's characters: a few hundred surnames make almost every name.
NamePinyin SurnamePinyin(const icu::UnicodeString& surname) {
  thread_local std::unordered_map<std::u16string, NamePinyin> readings;
  const std::u16string key(surname.getBuffer(), static_cast<std::size_t>(surname.length()));
  auto [kept, added] = readings.try_emplace(key);
  if (added) {
    icu::UnicodeString latin(surname);
    SurnameReader().transliterate(latin);
    AddSyllables(latin, kept->second);
  }
  return kept->second;
}

struct OpenccHandle {
  opencc_t handle;
  explicit OpenccHandle(const char* config) : handle(opencc_open(config)) {
    if (handle == reinterpret_cast<opencc_t>(-1)) throw std::runtime_error(std::string("OpenCC could not load ") + config);
  }
  OpenccHandle(const OpenccHandle&) = delete;
  OpenccHandle& operator=(const OpenccHandle&) = delete;
  ~OpenccHandle() { opencc_close(handle); }
};

std::string Convert(const OpenccHandle& converter, std::string_view text) {
  char* converted = opencc_convert_utf8(converter.handle, text.data(), text.size());
  if (converted == nullptr) return std::string(text);
  std::string result(converted);
  opencc_convert_utf8_free(converted);
  return result;
}

// Whether `text` is well-formed UTF-8 that neither starts nor ends with what ICU's trim takes
// (a space, or any u_isWhitespace). Most cells are such: returned as they are, they skip two
// conversions through UTF-16 (1.4% of an import's instructions).
bool TrimmedAlready(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  UChar32 first = 0, last = 0;
  for (int32_t at = 0; at < length;) {
    const bool leading = at == 0;
    UChar32 character = 0;
    U8_NEXT(bytes, at, length, character);
    if (character < 0) return false;  // ill-formed: ICU's conversion replaces it
    if (leading) first = character;
    last = character;
  }
  auto white = [](UChar32 character) { return character == 0x20 || u_isWhitespace(character); };
  return !white(first) && !white(last);
}

}  // namespace

NamePinyin PinyinOfName(std::string_view name) {
  const icu::UnicodeString whole = FromUtf8(name);
  const int32_t split = static_cast<int32_t>(SurnameLength(whole));
  NamePinyin pinyin = SurnamePinyin(icu::UnicodeString(whole, 0, split));
  AddGivenName(icu::UnicodeString(whole, split), pinyin);
  return pinyin;
}

NamePinyin PinyinOfNameByRules(std::string_view name) {
  const icu::UnicodeString whole = FromUtf8(name);
  const int32_t split = static_cast<int32_t>(SurnameLength(whole));
  icu::UnicodeString surname(whole, 0, split);
  icu::UnicodeString given(whole, split);
  SurnameReader().transliterate(surname);
  PlainReader().transliterate(given);
  NamePinyin pinyin;
  AddSyllables(surname, pinyin);
  AddSyllables(given, pinyin);
  return pinyin;
}

std::string ToSimplified(std::string_view text) {
  thread_local const OpenccHandle converter("t2s.json");
  return Convert(converter, text);
}

std::string ToTaiwanTraditional(std::string_view text) {
  thread_local const OpenccHandle converter("s2twp.json");
  return Convert(converter, text);
}

std::string NormaliseInput(std::string_view text) {
  // ASCII is its own NFKC form, and most of a roster's cells are ASCII (numbers, dates): only
  // their ends are trimmed, of what ICU's trim takes there (u_isWhitespace).
  const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    auto white = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= '\x1f'); };
    const auto first = std::find_if_not(text.begin(), text.end(), white);
    const auto last = std::find_if_not(text.rbegin(), std::make_reverse_iterator(first), white).base();
    return std::string(first, last);
  }
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(error);
  if (U_FAILURE(error)) throw std::runtime_error("ICU has no NFKC normaliser");
  // Most of the rest (names, addresses) is NFKC already, with nothing to trim: told so from its
  // UTF-8, it skips two conversions through UTF-16 and the normalising (a tenth of the check's
  // reading thread).
  if (TrimmedAlready(text)) {
    const bool normal = nfkc->isNormalizedUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), error);
    if (U_SUCCESS(error) && normal) return std::string(text);
    error = U_ZERO_ERROR;
  }
  icu::UnicodeString normalised =
      nfkc->normalize(FromUtf8(text), error);
  if (U_FAILURE(error)) return std::string(text);
  normalised.trim();  // NFKC already turned the ideographic space U+3000 into a plain one
  std::string result;
  normalised.toUTF8String(result);
  return result;
}

std::string TrimProse(std::string_view text) {
  if (TrimmedAlready(text)) return std::string(text);
  icu::UnicodeString prose = FromUtf8(text);
  prose.trim();  // ICU's trim takes every Unicode white space, U+3000 included
  std::string result;
  prose.toUTF8String(result);
  return result;
}

}  // namespace sw::text
