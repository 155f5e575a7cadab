#include "domain/imports/roster_shape.h"

#include <algorithm>
#include <set>

#include "text/chinese.h"

namespace sw::domain {
namespace {

using namespace std::string_view_literals;

struct Names {
  std::string_view target;
  std::vector<std::string_view> headers;  // as written after Simplify()
};

// The columns of the rosters in the seeds and their common variants.
const std::vector<Names>& AllNames() {
  static const std::vector<Names> kNames = {
      {"name", {"姓名", "学生姓名", "儿童姓名", "学生名字", "名字"}},
      {"gender", {"性别", "学生性别"}},
      {"id_number", {"身份证号", "身份证号码", "公民身份号码", "身份证", "学生身份证号", "学生身份证号码", "身份证件号码"}},
      {"birth_date", {"出生日期", "出生年月", "出生年月日", "生日"}},
      {"class", {"班级", "所在班级", "年级班级", "年级/班级", "就读班级"}},
      {"grade", {"年级", "所在年级", "就读年级"}},
      {"boarding", {"是否寄宿", "寄宿", "寄宿生", "是否寄宿生"}},
      {"ethnicity", {"民族"}},
      {"household_registration", {"户籍", "户籍地", "户口所在地", "户籍所在地"}},
      {"home_address", {"家庭住址", "家庭地址", "住址", "现住址", "居住地址", "家庭详细住址"}},
      {"left_behind_type", {"留守类型", "留守情况"}},
      {"care_arrangement", {"监护方式", "监护类型", "监护情况"}},
      {"health", {"健康状况", "身体状况"}},
      {"disability", {"残疾情况", "是否残疾"}},
      {"poverty_status", {"困难情况", "家庭困难情况", "贫困情况", "家庭经济状况"}},
      {"father.name", {"父亲姓名", "父亲"}},
      {"father.phone", {"父亲电话", "父亲联系电话", "父亲手机", "父亲手机号"}},
      {"father.work_city", {"父亲务工地", "父亲务工地点", "父亲务工城市", "父亲外出务工地"}},
      {"mother.name", {"母亲姓名", "母亲"}},
      {"mother.phone", {"母亲电话", "母亲联系电话", "母亲手机", "母亲手机号"}},
      {"mother.work_city", {"母亲务工地", "母亲务工地点", "母亲务工城市", "母亲外出务工地"}},
      {"guardian.name", {"监护人", "监护人姓名", "委托监护人", "委托监护人姓名"}},
      {"guardian.relation", {"与儿童关系", "监护人关系", "与学生关系", "与监护人关系", "监护人与儿童关系"}},
      {"guardian.phone", {"监护人电话", "联系电话", "监护人联系电话", "监护人手机", "家长电话"}},
  };
  return kNames;
}

// Lines under (or inside) the table that are not children; "示例" marks the template's example.
constexpr std::string_view kFooters[] = {"示例", "填表人", "填报人", "制表人", "审核人", "负责人", "单位负责人", "校长",
                                         "填表日期", "制表日期", "填报日期", "联系人", "盖章", "单位盖章"};

// A header as compared: NFKC, without white space, "*" marks or a trailing note in brackets.
std::string Simplify(std::string_view header) {
  std::string text = text::NormaliseInput(header);  // full-width brackets become ( )
  if (const auto open = text.find('('); open != std::string::npos && open > 0) text.erase(open);
  std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '*'; });
  return text;
}

}  // namespace

std::span<const std::string_view> RosterTargets() {
  static const std::vector<std::string_view> kTargets = [] {
    std::vector<std::string_view> targets;
    for (const Names& names : AllNames()) targets.push_back(names.target);
    return targets;
  }();
  return kTargets;
}

std::span<const TemplateColumn> RosterTemplate() {
  static const std::vector<TemplateColumn> kColumns = {
      {"序号", "", "示例"},               {"姓名", "name", "张小明"},
      {"性别", "gender", "男"},
      {"身份证号", "id_number", "34112220160401001X"},  {"出生日期", "birth_date", "2016-04-01"},
      {"班级", "class", "三年级1班"},      {"民族", "ethnicity", "汉族"},
      {"户籍", "household_registration", "安徽省来安县"}, {"家庭住址", "home_address", "青山镇李村 12 号"},
      {"是否寄宿", "boarding", "否"},      {"留守类型", "left_behind_type", "父母均外出"},
      {"监护方式", "care_arrangement", "隔代监护"}, {"健康状况", "health", "健康"},
      {"残疾情况", "disability", ""},      {"困难情况", "poverty_status", ""},
      {"父亲姓名", "father.name", "张大明"}, {"父亲电话", "father.phone", "13800001111"},
      {"父亲务工地", "father.work_city", "浙江省宁波市"}, {"母亲姓名", "mother.name", "李红"},
      {"母亲电话", "mother.phone", "13800002222"}, {"母亲务工地", "mother.work_city", "浙江省宁波市"},
      {"监护人", "guardian.name", "王秀英"}, {"与儿童关系", "guardian.relation", "奶奶"},
      {"监护人电话", "guardian.phone", "13900003333"}};
  return kColumns;
}

std::optional<std::string> TargetOfHeader(std::string_view header) {
  const std::string simple = Simplify(header);
  for (const Names& names : AllNames()) {
    if (std::find(names.headers.begin(), names.headers.end(), simple) != names.headers.end()) {
      return std::string(names.target);
    }
  }
  return std::nullopt;
}

std::optional<RosterHeader> FindHeader(const std::vector<SheetRow>& first_rows) {
  for (const SheetRow& row : first_rows) {
    RosterHeader header{.row = row.number, .columns = {}};
    std::set<std::string> seen;
    for (std::size_t column = 0; column < row.cells.size(); ++column) {
      auto target = TargetOfHeader(row.cells[column].text);
      if (target && seen.insert(*target).second) header.columns[column] = *target;
    }
    if (seen.contains("name") && seen.size() >= 2) return header;
  }
  return std::nullopt;
}

bool IsFooter(const SheetRow& row) {
  for (const SheetCell& cell : row.cells) {
    if (cell.text.empty()) continue;
    const std::string first = Simplify(cell.text);
    return std::any_of(std::begin(kFooters), std::end(kFooters),
                       [&](std::string_view footer) { return first.starts_with(footer); });
  }
  return false;
}

}  // namespace sw::domain
