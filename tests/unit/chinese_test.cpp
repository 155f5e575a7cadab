#include "text/chinese.h"

#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <thread>

namespace sw::text {
namespace {

TEST(Pinyin, NamesReadWithTheirSyllablesAndInitials) {
  const NamePinyin zhang = PinyinOfName("张三");
  EXPECT_EQ(zhang.syllables, "zhang san");
  EXPECT_EQ(zhang.joined, "zhangsan");
  EXPECT_EQ(zhang.initials, "zs");
}

TEST(Pinyin, PolyphoneSurnamesAreReadAsSurnames) {
  EXPECT_EQ(PinyinOfName("曾小明").joined, "zengxiaoming");
  EXPECT_EQ(PinyinOfName("单田芳").joined, "shantianfang");
  EXPECT_EQ(PinyinOfName("解晓东").joined, "xiexiaodong");
  EXPECT_EQ(PinyinOfName("区志强").joined, "ouzhiqiang");
  EXPECT_EQ(PinyinOfName("仇大海").joined, "qiudahai");
  EXPECT_EQ(PinyinOfName("尉迟恭").syllables, "yu chi gong");  // a compound surname
  EXPECT_EQ(PinyinOfName("欧阳娜娜").initials, "oynn");
}

TEST(Pinyin, TheGivenNameKeepsOrdinaryReadings) {
  // 曾 in a given name is the ordinary "ceng", unlike the surname.
  EXPECT_EQ(PinyinOfName("王曾").joined, "wangceng");
}

TEST(Pinyin, MinorityNamesKeepTheirParts) {
  EXPECT_EQ(PinyinOfName("阿依古丽·买买提").initials, "aygl" "mmt");
}

// Given names are read a character at a time from readings kept from before: they must read
// exactly as ICU's rules read the whole name — across the common Han block, in pairs, and where
// the rules read a character by its neighbour (重庆 chong qing, 沈阳 shen yang).
TEST(Pinyin, KeptReadingsOfCharactersReadAsTheRulesReadTheWholeName) {
  auto utf8 = [](char32_t character) {
    std::string text;
    icu::UnicodeString(static_cast<UChar32>(character)).toUTF8String(text);
    return text;
  };
  auto expect_same = [](const std::string& name) {
    const NamePinyin kept = PinyinOfName(name), ruled = PinyinOfNameByRules(name);
    EXPECT_EQ(kept.syllables, ruled.syllables) << name;
    EXPECT_EQ(kept.joined, ruled.joined) << name;
    EXPECT_EQ(kept.initials, ruled.initials) << name;
  };
  std::vector<std::string> characters;
  for (char32_t character = 0x4E00; character <= 0x9FFF; character += 7) characters.push_back(utf8(character));
  for (std::size_t at = 0; at < characters.size(); ++at) {
    expect_same("王" + characters[at]);
    expect_same("欧阳" + characters[at] + characters[(at * 31 + 17) % characters.size()]);
  }
  for (const char* name : {"王重庆", "李沈阳", "张藏文", "赵秘鲁", "刘重阳", "单田芳", "阿依古丽·买买提", "王Anna",
                           "李2号", "张\U00020BB7明", "曾"}) {
    expect_same(name);
  }
  EXPECT_EQ(PinyinOfName("王重庆").joined, "wangchongqing");
}

TEST(Pinyin, EachThreadHasItsOwnTransliterators) {
  std::vector<std::thread> threads;
  std::vector<std::string> results(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&results, i] {
      for (int n = 0; n < 200; ++n) results[i] = PinyinOfName("曾小明").joined;
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& result : results) EXPECT_EQ(result, "zengxiaoming");
}

TEST(Simplified, TraditionalCharactersFold) {
  EXPECT_EQ(ToSimplified("張曉東"), "张晓东");
  EXPECT_EQ(ToSimplified("张晓东"), "张晓东");
  EXPECT_EQ(ToSimplified("abc 123"), "abc 123");
}

TEST(Traditional, LabelsReadAsTaiwanWritesThem) {
  EXPECT_EQ(ToTaiwanTraditional("联系卡"), "聯絡卡");  // the word Taiwan uses
  EXPECT_EQ(ToTaiwanTraditional("家庭住址"), "家庭住址");
  EXPECT_EQ(ToTaiwanTraditional("监护人"), "監護人");
  EXPECT_EQ(ToTaiwanTraditional("Grade 3"), "Grade 3");
}

TEST(Input, FullWidthFoldsAndSpacesTrim) {
  EXPECT_EQ(NormaliseInput("　３４１１２２ＡＢ "), "341122AB");
  EXPECT_EQ(NormaliseInput("张三"), "张三");
  EXPECT_EQ(NormaliseInput(" \t341122 \r\n"), "341122");
  // Han text already normal is kept as it is; a compatibility character inside it still folds.
  EXPECT_EQ(NormaliseInput("欧阳·娜娜"), "欧阳·娜娜");
  EXPECT_EQ(NormaliseInput("三年级①班"), "三年级1班");
  EXPECT_EQ(NormaliseInput("青山镇ｶ村"), "青山镇カ村");
  EXPECT_EQ(NormaliseInput("张三　"), "张三");
}

// ASCII text skips ICU: each ASCII character is trimmed from an end, or kept, as ICU's way
// (taken when the text holds a Han character) trims or keeps it.
TEST(Input, AsciiTrimsAsIcuTrims) {
  for (int code = 0; code < 0x80; ++code) {
    const std::string character(1, static_cast<char>(code));
    EXPECT_EQ(NormaliseInput(character + "张"), NormaliseInput(character) + "张") << code;
    EXPECT_EQ(NormaliseInput("张" + character), "张" + NormaliseInput(character)) << code;
    EXPECT_EQ(NormaliseInput("a" + character + "b"), "a" + character + "b") << code;
  }
}

}  // namespace
}  // namespace sw::text
