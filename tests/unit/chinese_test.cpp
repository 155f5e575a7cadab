#include "text/chinese.h"

#include <gtest/gtest.h>

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
}

}  // namespace
}  // namespace sw::text
