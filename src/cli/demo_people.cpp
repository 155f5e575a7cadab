#include "cli/demo_people.h"

#include "core/identity_numbers.h"
#include "domain/terms/term.h"

namespace sw::cli {
namespace {

struct SurnameShare {
  const char* surname;
  int per_ten_thousand;  // of the population (the 2020 census's order and rough shares)
};
constexpr SurnameShare kSurnames[] = {
    {"王", 712}, {"李", 700}, {"张", 674}, {"刘", 538}, {"陈", 453}, {"杨", 308}, {"黄", 223}, {"赵", 200},
    {"吴", 195}, {"周", 190}, {"徐", 153}, {"孙", 151}, {"马", 134}, {"朱", 131}, {"胡", 125}, {"郭", 118},
    {"何", 116}, {"林", 113}, {"高", 109}, {"罗", 107}, {"郑", 96},  {"梁", 93},  {"谢", 81},  {"宋", 76},
    {"唐", 74},  {"许", 71},  {"韩", 69},  {"冯", 67},  {"邓", 67},  {"曹", 65},  {"彭", 63},  {"曾", 62},
    {"肖", 60},  {"田", 55},  {"董", 54},  {"袁", 51},  {"潘", 50},  {"于", 49},  {"蒋", 48},  {"蔡", 47},
    {"余", 47},  {"杜", 46},  {"叶", 45},  {"程", 44},  {"苏", 43},  {"魏", 42},  {"吕", 41},  {"丁", 40},
    {"任", 39},  {"沈", 38},  {"姚", 37},  {"卢", 36},  {"姜", 35},  {"崔", 34},  {"钟", 33},  {"谭", 32},
    {"陆", 31},  {"汪", 30},  {"范", 29},  {"金", 28},  {"石", 27},  {"廖", 26},  {"贾", 25},  {"夏", 24},
    {"韦", 23},  {"付", 22},  {"方", 22},  {"白", 21},  {"邹", 20},  {"孟", 19},  {"熊", 19},  {"秦", 18},
    {"邱", 18},  {"江", 17},  {"尹", 16},  {"薛", 16},  {"闫", 15},  {"段", 15},  {"雷", 14},  {"侯", 14},
    {"龙", 13},  {"史", 13},  {"陶", 12},  {"黎", 12},  {"贺", 12},  {"顾", 11},  {"毛", 11},  {"郝", 11},
    {"龚", 10},  {"邵", 10},  {"万", 10},  {"钱", 10},  {"覃", 9},   {"单", 5},   {"解", 5},   {"欧阳", 5},
    {"仇", 3},   {"查", 3},   {"朴", 2},   {"区", 2},   {"乐", 2},   {"盖", 2},   {"缪", 2},   {"诸葛", 1},
    {"司马", 1}, {"尉迟", 1}};

// Given names are one character in ten, two in the rest, drawn from what parents chose for
// children born 2010–2020.
constexpr const char* kBoysFirst[] = {"子", "浩", "宇", "俊", "博", "天", "一", "家", "志", "晨",
                                      "思", "文", "明", "梓", "睿", "嘉", "泽", "皓", "铭", "俊"};
constexpr const char* kBoysSecond[] = {"涵", "然", "轩", "杰", "文", "佑", "鸣", "豪", "强", "阳",
                                       "远", "涛", "宇", "航", "辰", "睿", "泽", "铭", "哲", "诚"};
constexpr const char* kGirlsFirst[] = {"欣", "梓", "雨", "诗", "佳", "可", "梦", "雅", "心", "晓",
                                       "思", "语", "子", "一", "若", "紫", "书", "佳", "静", "嘉"};
constexpr const char* kGirlsSecond[] = {"怡", "萱", "桐", "涵", "琪", "欣", "瑶", "婷", "悦", "燕",
                                        "彤", "妍", "宁", "琳", "然", "菲", "晴", "雯", "璐", "溪"};
constexpr const char* kBoysSingle[] = {"明", "伟", "磊", "洋", "强", "杰", "斌", "鹏", "超", "亮"};
constexpr const char* kGirlsSingle[] = {"静", "敏", "婷", "丽", "娟", "艳", "芳", "琳", "洁", "雪"};
constexpr const char* kMen[] = {"建国", "国强", "志刚", "海波", "伟", "军", "明亮", "永红", "德胜", "卫东"};
constexpr const char* kWomen[] = {"秀英", "桂兰", "玉梅", "春花", "丽", "芳", "美华", "凤英", "红霞", "翠兰"};

struct Job {
  const char* city;
  const char* employer;
  const char* address;
  const char* area_code;
  const char* work;
};
constexpr Job kJobs[] = {
    {"宁波", "宁波北仑某电子厂", "宁波市北仑区新碶街道", "0574", "流水线工人"},
    {"苏州", "苏州工业园区某精密机械公司", "苏州市工业园区星湖街", "0512", "操作工"},
    {"上海", "上海某建筑工程公司", "上海市浦东新区川沙路", "021", "建筑工人"},
    {"杭州", "杭州某物流公司", "杭州市萧山区钱江世纪城", "0571", "快递员"},
    {"南京", "南京某餐饮管理公司", "南京市江宁区天元中路", "025", "厨师"},
    {"合肥", "合肥某汽车配件厂", "合肥市经济技术开发区", "0551", "装配工"},
    {"深圳", "深圳某手机配件厂", "深圳市宝安区福永街道", "0755", "质检员"},
    {"东莞", "东莞某制衣厂", "东莞市虎门镇", "0769", "缝纫工"},
    {"广州", "广州某服装批发市场", "广州市白云区三元里大道", "020", "搬运工"},
    {"北京", "北京某家政服务公司", "北京市朝阳区十里堡", "010", "保洁员"},
    {"无锡", "无锡某纺织厂", "无锡市锡山区东港镇", "0510", "挡车工"},
    {"温州", "温州某鞋厂", "温州市鹿城区双屿街道", "0577", "制鞋工"}};
constexpr const char* kHobbies[] = {"画画", "踢足球", "看书", "跳绳", "唱歌", "下象棋", "打篮球", "做手工"};
constexpr const char* kPersonalities[] = {"开朗，爱笑", "内向，不爱说话", "活泼好动", "懂事，会照顾弟妹", "胆小，需要鼓励"};
constexpr const char* kDiscipline[] = {"溺爱，管得少", "比较严厉", "讲道理，耐心", "只管吃穿，学习管不了"};

std::discrete_distribution<int>& SurnameDistribution() {
  static std::discrete_distribution<int> distribution = [] {
    std::vector<int> weights;
    for (const SurnameShare& share : kSurnames) weights.push_back(share.per_ten_thousand);
    return std::discrete_distribution<int>(weights.begin(), weights.end());
  }();
  return distribution;
}

std::string GivenName(Dice& dice, bool boy) {
  if (dice.Chance(0.1)) return boy ? dice.Pick(kBoysSingle) : dice.Pick(kGirlsSingle);
  return boy ? std::string(dice.Pick(kBoysFirst)) + dice.Pick(kBoysSecond)
             : std::string(dice.Pick(kGirlsFirst)) + dice.Pick(kGirlsSecond);
}

// Born in the school year that puts the child in `grade` now (1 September to 31 August).
std::string BirthDate(Dice& dice, int grade, std::chrono::year_month_day today) {
  using namespace std::chrono;
  const int school_year = static_cast<int>(today.year()) - (today.month() >= September ? 0 : 1);
  const sys_days first = year{school_year - 6 - grade} / September / 1;
  return domain::FormatDate(year_month_day(first + days(dice.Between(0, 364))));
}

// The surname as the child's name begins with it.
std::string SurnameOf(const std::string& name) {
  for (const SurnameShare& share : kSurnames) {
    const std::string surname = share.surname;
    if (surname.size() > 3 && name.starts_with(surname)) return surname;
  }
  return name.substr(0, 3);
}

domain::FamilyMember Parent(Dice& dice, const std::string& surname, bool father, const Job& job) {
  domain::FamilyMember parent{.kind = "parent",
                              .name = father ? surname + dice.Pick(kMen) : Surname(dice) + dice.Pick(kWomen),
                              .relation = father ? "father" : "mother"};
  parent.phone = dice.Mobile();
  parent.age = dice.Between(30, 45);
  parent.education = dice.Chance(0.7) ? "junior" : "senior";
  parent.work_city = job.city;
  parent.employer = job.employer;
  parent.employer_address = job.address;
  parent.employer_phone = std::string(job.area_code) + "-" + dice.Digits(8);
  parent.work_kind = job.work;
  parent.months_away = dice.Between(10, 11);
  parent.contact_frequency = dice.Chance(0.6) ? "weekly" : "monthly";
  parent.hopes = dice.Chance(0.5) ? "好好读书，将来考上大学" : "身体健康，听爷爷奶奶的话";
  return parent;
}

domain::FamilyMember Guardian(Dice& dice, const domain::Child& child, const std::string& surname) {
  const bool grandparent = child.care_arrangement == "grandparents";
  const bool woman = dice.Chance(0.6);
  domain::FamilyMember guardian{.kind = "guardian",
                                .name = (grandparent && !woman ? surname : Surname(dice)) +
                                        (woman ? dice.Pick(kWomen) : dice.Pick(kMen)),
                                .relation = grandparent ? (woman ? "grandmother" : "grandfather") : (woman ? "aunt" : "uncle")};
  guardian.phone = dice.Mobile();
  guardian.age = grandparent ? dice.Between(56, 76) : dice.Between(30, 50);
  guardian.education = grandparent ? "primary" : "junior";
  guardian.health = dice.Chance(0.7) ? "健康" : "高血压";
  guardian.address = child.home_address;
  guardian.occupation = "务农";
  guardian.literacy = grandparent ? (dice.Chance(0.5) ? "partly" : "illiterate") : "literate";
  guardian.discipline_style = dice.Pick(kDiscipline);
  guardian.capacity = grandparent ? (dice.Chance(0.5) ? "fair" : "poor") : "good";
  return guardian;
}

// Fills the child's situation: who is away, who keeps it, health, poverty and risk, in the
// shares the seed reports give.
void DrawSituation(Dice& dice, domain::Child& child) {
  const int type = dice.Between(1, 10);
  child.left_behind_type = type <= 6 ? "both_parents_away" : type <= 9 ? "one_parent_away" : "one_away_other_unable";
  const int care = dice.Between(1, 20);
  child.care_arrangement = care <= 15 ? "grandparents" : care <= 18 ? "relatives" : care == 19 ? "other" : "nobody";
  child.health = dice.Chance(0.9) ? "健康" : "体质较弱，易感冒";
  const int poverty = dice.Between(1, 20);
  child.poverty_status = poverty <= 15 ? "none" : poverty <= 18 ? "low_income" : poverty == 19 ? "monitored" : "extreme_hardship";
  const int risk = dice.Between(1, 50);
  child.risk_level = risk <= 35 ? "low" : risk <= 46 ? "medium" : "high";
}

}  // namespace

std::string Dice::Digits(int count) {
  std::string digits;
  for (int i = 0; i < count; ++i) digits += static_cast<char>('0' + Between(0, 9));
  return digits;
}

std::string Dice::Mobile() { return std::string("1") + "3589"[Between(0, 3)] + Digits(9); }

std::string Dice::HexId() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  // Ids made one after another sort one after another, as time-ordered ids do: a bulk load then
  // appends to each index instead of landing on a random page of it. The second half is random.
  std::uint64_t order = ++ids_made_, bits = engine_();
  for (int i = 15; i >= 0; --i, order >>= 4) id[static_cast<std::size_t>(i)] = kHex[order & 15];
  for (int i = 31; i >= 16; --i, bits >>= 4) id[static_cast<std::size_t>(i)] = kHex[bits & 15];
  return id;
}

std::string Surname(Dice& dice) { return kSurnames[SurnameDistribution()(dice.engine())].surname; }

std::string AdultName(Dice& dice) { return Surname(dice) + (dice.Chance(0.5) ? dice.Pick(kMen) : dice.Pick(kWomen)); }

std::string IdNumbers::Next(const std::string& county_code, const std::string& birth_date, bool boy) {
  std::string birth = birth_date;
  std::erase(birth, '-');
  // Three digits hold 500 boys and 500 girls born on one day in one county: far more than a
  // county's left-behind children (about ten thousand over nine years of birth dates). The n-th
  // child of a day takes slot n·173 + (month and day) mod 500 — a permutation, as 173 is prime
  // to 500 — so the codes spread over the range as real ones do, and searches by the last
  // digits find as few children as they would in a real county.
  const int slot = (born_[county_code + birth]++ * 173 + std::stoi(birth.substr(4))) % 500;
  const int code = slot * 2 + (boy ? 1 : 0);
  char sequence[12];
  std::snprintf(sequence, sizeof sequence, "%03d", code);
  const std::string seventeen = county_code + birth + sequence;
  return seventeen + IdNumberCheckCharacter(seventeen);
}

domain::Child MakeChild(Dice& dice, int grade, const Hometown& home, std::chrono::year_month_day today,
                        IdNumbers& ids) {
  domain::Child child;
  const bool boy = dice.Chance(0.52);
  child.gender = boy ? "male" : "female";
  child.name = Surname(dice) + GivenName(dice, boy);
  child.birth_date = BirthDate(dice, grade, today);
  if (dice.Chance(0.9)) child.id_number = ids.Next(home.county_code, child.birth_date, boy);
  child.grade = grade;
  child.ethnicity = dice.Chance(0.97) ? "汉族" : "回族";
  child.household_registration = home.household_registration;
  if (dice.Chance(0.93)) {
    child.home_address = home.township + home.villages[dice.Between(0, static_cast<int>(home.villages.size()) - 1)] +
                         std::to_string(dice.Between(1, 9)) + "组";
  }
  DrawSituation(dice, child);
  child.boarding = grade >= 7 ? dice.Chance(0.7) : dice.Chance(0.1);
  child.hobbies = dice.Pick(kHobbies);
  child.personality = dice.Pick(kPersonalities);
  child.parent_contact = dice.Chance(0.6) ? "每周和父母视频一次" : "父母很少打电话";
  return child;
}

std::vector<domain::FamilyMember> FamilyOf(Dice& dice, const domain::Child& child) {
  const std::string surname = SurnameOf(child.name);
  const Job& job = dice.Pick(kJobs);
  std::vector<domain::FamilyMember> family = {Parent(dice, surname, true, job)};
  if (child.left_behind_type == "both_parents_away") family.push_back(Parent(dice, surname, false, dice.Chance(0.7) ? job : dice.Pick(kJobs)));
  if (child.care_arrangement != "nobody") family.push_back(Guardian(dice, child, surname));
  return family;
}

}  // namespace sw::cli
