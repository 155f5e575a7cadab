#include "http/errors.h"

#include <spdlog/spdlog.h>

#include <charconv>

#include "text/chinese.h"

namespace sw::http {
namespace {

struct PublicError {
  const char* code;
  int status;
  const char* zh;
  const char* en;
};

// Every public error code with its HTTP status and its words. The first group answers for an
// ErrorCode; the rest are reasons a Status may carry (Status::WithReason).
const PublicError kPublicErrors[] = {
    {"bad_request", 400, "请求格式不正确", "The request is malformed"},
    {"invalid_json", 400, "请求体不是有效的 JSON", "The request body is not valid JSON"},
    {"validation_failed", 422, "填写的内容有误", "A field is invalid"},
    {"not_found", 404, "找不到请求的内容", "Nothing was found at this address"},
    {"method_not_allowed", 405, "此地址不支持该请求方法", "This method is not allowed here"},
    {"conflict", 409, "与已有数据冲突", "This conflicts with existing data"},
    {"unauthenticated", 401, "请先登录", "Please sign in"},
    {"forbidden", 403, "没有权限进行此操作", "You are not allowed to do this"},
    {"payload_too_large", 413, "请求体过大", "The request body is too large"},
    {"unsupported_media_type", 415, "请求体必须是 JSON（Content-Type: application/json）",
     "The request body must be JSON (Content-Type: application/json)"},
    {"header_too_large", 431, "请求头过大", "The request headers are too large"},
    {"internal", 500, "服务器内部错误，请稍后重试", "Internal server error; please try again later"},
    {"unavailable", 503, "服务暂时不可用，请稍后重试",
     "The service is temporarily unavailable; please try again later"},

    {"invalid_credentials", 401, "用户名或密码错误", "Wrong username or password"},
    {"account_locked", 401, "登录失败次数过多，账户已暂时锁定，请稍后再试或联系管理员",
     "Too many failed attempts: the account is locked for a while; try again later or ask an administrator"},
    {"session_expired", 401, "登录已超时，请重新登录", "Your session has expired; please sign in again"},
    {"second_factor_required", 401, "请输入身份验证器上的 6 位动态码", "Enter the 6-digit code from your authenticator"},
    {"second_factor_enrollment_required", 403, "管理员账户须先启用双因素认证",
     "Administrator accounts must set up a second factor first"},
    {"password_change_required", 403, "请先修改密码", "You must change your password first"},
    {"csrf_failed", 403, "请求缺少有效的安全令牌（X-CSRF-Token），请刷新页面后重试",
     "The request lacks a valid X-CSRF-Token; reload the page and try again"},
    {"wrong_code", 422, "动态码不正确或已过期", "The code is wrong or has expired"},
    {"password_too_short", 422, "密码至少需要 12 个字符", "The password needs at least 12 characters"},
    {"password_too_common", 422, "密码过于常见，容易被猜中，请换一个", "This password is too common; choose another"},
    {"password_contains_username", 422, "密码不能包含用户名", "The password must not contain the username"},
    {"password_unchanged", 422, "新密码不能与旧密码相同", "The new password must differ from the old one"},
    {"wrong_password", 422, "原密码不正确", "The current password is wrong"},
    {"invalid_time", 422, "日期或时间格式不正确（例如 2026-11-22）", "Not a date or time (for example 2026-11-22)"},
    {"bad_query", 400, "查询参数格式不正确", "The query string is malformed"},
    {"invalid_county_code", 422, "区县代码应为 6 位行政区划代码（GB/T 2260），如 341122",
     "A county's code is its six-digit GB/T 2260 code, e.g. 341122"},
    {"id_number_stored_as_number", 422, "身份证号被 Excel 存成了数字，末几位已丢失：请把这一列设为文本，重新填写后再导入",
     "Excel stored the ID number as a number and lost its last digits: format the column as text, type it again and re-import"},
    {"unreadable_file", 422, "无法读取该文件：请使用 Excel（.xlsx、.xls）或 CSV 文件",
     "The file cannot be read: use an Excel (.xlsx, .xls) or CSV file"},
    {"roster_without_header", 422, "找不到表头：前 30 行中没有一行同时写着“姓名”和其他可识别的列名（如 性别、身份证号、班级）",
     "No header row: none of the first 30 rows names the child's name (姓名) and another known column"},
    {"archived_elsewhere", 409, "该身份证号的儿童已在其他学校建档：请通过转学办理，不要重复导入",
     "A child with this ID number is archived at another school: transfer the child rather than import it"},
    {"ambiguous_child", 409, "本校有多名同名、同出生日期且未填身份证号的儿童，无法确定是哪一名：请填写身份证号",
     "Several children of the school share this name and birth date without ID numbers: give the ID number"},
    {"class_carried_down", 422, "班级为空，已沿用上一行的班级（.xls 文件中合并的单元格只在第一行有值），请核对",
     "No class given: the class of the row above was used (merged cells of an .xls hold their value in the first row only); check it"},
    {"import_running", 409, "这次导入正在进行，请等它完成", "This import is still running; wait for it to finish"},
    {"import_done", 409, "这次导入已经完成；如需再次导入，请重新上传文件", "This import is done; upload the file again to import it again"},
    {"invalid_email", 422, "电子邮箱格式不正确（例如 li@example.cn）", "Not an e-mail address (for example li@example.cn)"},
    {"invalid_code", 422, "代码只能包含 1 到 32 个字母、数字或 - _ .", "A code has 1 to 32 letters, digits, '-', '_' or '.'"},
    {"parent_kind_mismatch", 422, "该类单位不能设在所选上级单位之下（如班级只能属于学校）",
     "This kind of organisation cannot sit under the chosen parent (a class belongs to a school)"},
    {"parent_inactive", 422, "上级单位已停用", "The parent organisation is inactive"},
    {"pupils_not_counted", 422, "只有学校和班级填写学生人数", "Only schools and classes record pupil counts"},
    {"pupils_out_of_range", 422, "学生人数应在 0 到 100000 之间", "Pupil counts run from 0 to 100000"},
    {"unknown_kind", 422, "单位类型不正确", "Unknown kind of organisation"},
    {"unknown_parent", 422, "找不到上级单位", "No such parent organisation"},
    {"invalid_username", 422, "用户名为 3 到 64 个小写字母、数字或 . _ -", "A username has 3 to 64 of a-z, 0-9, '.', '_', '-'"},
    {"unknown_role", 422, "角色不正确", "Unknown role"},
    {"unknown_org", 422, "找不到该单位，或不在您的管理范围内", "No such organisation within your reach"},
    {"role_org_mismatch", 422, "该角色不能设在这类单位（如班主任只能属于班级）",
     "This role cannot be bound to this kind of organisation (a head teacher belongs to a class)"},
    {"role_already_held", 409, "该用户已有此角色", "The user already holds this role"},
    {"role_not_held", 422, "该用户没有此角色", "The user does not hold this role"},
    {"last_role", 422, "不能撤销用户的最后一个角色，如需停用请停用账户",
     "The last role cannot be removed; disable the account instead"},
    {"own_account", 403, "不能管理自己的账户，请由另一位管理员操作", "You cannot administer your own account; ask another administrator"},
    {"admin_role_by_operator", 403, "管理员角色只能由服务器运维人员在命令行授予",
     "Administrator roles are granted only by the server's operator, on the command line"},
    {"invalid_term", 422, "学期代码应形如 2026-2027-1（学年与第几学期）", "A term key looks like 2026-2027-1 (school year and term)"},
    {"term_order", 422, "学期结束日期应晚于开始日期", "A term ends after it starts"},
    {"term_too_long", 422, "一个学期不能超过一年", "A term lasts at most a year"},
    {"term_overlap", 422, "与本县已有的学期时间重叠", "This overlaps another of the county's terms"},
    {"not_a_county", 422, "学期只能按区县设置", "Terms are set per county"},
    {"has_active_children", 422, "下级还有在用的单位，请先停用它们", "Deactivate the organisations below it first"},
    {"invalid_choice", 422, "不是可选的值之一", "Not one of the allowed values"},
    {"date_in_future", 422, "日期不能晚于今天", "The date cannot be in the future"},
    {"not_a_minor", 422, "出生日期表明已满 18 周岁，不属于儿童", "The birth date makes this person an adult"},
    {"invalid_grade", 422, "年级写法无法识别（可写 三年级、3、初一、高二）", "Grade not recognised (write 三年级, 3, 初一 or 高二)"},
    {"grade_out_of_range", 422, "年级应在 1 到 12 之间", "Grades run from 1 to 12"},
    {"id_number_length", 422, "身份证号应为 18 位", "An ID number has 18 characters"},
    {"id_number_characters", 422, "身份证号应为 17 位数字加 1 位数字或 X", "An ID number is 17 digits and a digit or X"},
    {"id_number_birth_date", 422, "身份证号中的出生日期不存在", "The birth date inside the ID number does not exist"},
    {"id_number_check_digit", 422, "身份证号校验位不正确，请核对", "The ID number's check character is wrong; check the number"},
    {"id_number_mismatch", 422, "与身份证号中的出生日期或性别不一致", "This disagrees with the birth date or gender in the ID number"},
    {"invalid_phone", 422, "电话号码应为 11 位手机号或带区号的固定电话", "A phone is an 11-digit mobile or a landline with its area code"},
    {"invalid_field_key", 422, "字段标识须以小写字母开头，只含小写字母、数字和下划线（最多 40 个）",
     "A field key starts with a lower-case letter and has only a-z, 0-9 and '_' (at most 40)"},
    {"field_key_in_use", 409, "上级、本级或下级单位已有同一标识的字段", "A field with this key exists above, at or below this organisation"},
    {"choices_not_allowed", 422, "只有选择题字段可以设置选项", "Only a choice field has choices"},
    {"too_many_choices", 422, "选项或字段过多（最多 100 个）", "Too many items in the list"},
    {"duplicate_choice", 422, "选项重复", "A choice appears twice"},
    {"choice_removed", 422, "已有选项不能删除（已填写的内容会失效），可以停用字段或增加选项",
     "A choice cannot be removed (values already given would become invalid); add choices or deactivate the field"},
    {"duplicate_field", 422, "字段重复", "A field appears twice"},
    {"invalid_number", 422, "请填写数字（最多 15 位有效数字，如 132 或 -3.5）",
     "Enter a number (at most 15 significant digits, e.g. 132 or -3.5)"},
    {"promotion_org_kind", 422, "请选择学校或更上级单位进行升级", "Promote a school or an organisation above schools"},
    {"promotion_year_mismatch", 422, "升级学年与预览不符，请重新预览", "The school year differs from the preview; preview again"},
    {"already_promoted", 409, "该学年已经升级过（本单位、上级或下级单位）",
     "This school year was already promoted here, above or below"},
    {"not_at_school", 422, "该儿童已不在校（已转出、毕业或归档）", "The child is no longer at school (transferred, graduated or archived)"},
    {"transfer_target", 422, "请选择另一所在用的学校", "Choose another active school"},
    {"transfer_pending", 409, "该儿童已有待处理的转学申请", "This child already has a pending transfer"},
    {"transfer_closed", 409, "该转学申请已处理", "This transfer has already been decided"},
    {"print_too_large", 422, "一次最多打印 1000 名儿童，请按学校或班级分批打印",
     "At most 1000 children per print; print school by school or class by class"},
    {"unknown_helper", 422, "找不到该帮扶人，或其不在本县工作", "No such active helper in this county"},
    {"already_paired", 409, "该帮扶人已与这名儿童结对", "This helper is already paired with the child"},
    {"main_helper_exists", 409, "这名儿童已有主要帮扶人，请先结束原结对", "The child already has a main helper; end that pairing first"},
    {"helper_load_full", 409, "该帮扶人结对的儿童已达本单位上限（可在关爱设置中调整）",
     "This helper already has as many children as the organisation allows (see the care settings)"},
    {"unknown_pairing", 422, "找不到这条结对记录", "No such pairing for this child"},
    {"pairing_ended", 409, "该结对已经结束", "This pairing has already ended"},
    {"letter_only", 422, "只有书信需要填写收信人", "Only a letter has an addressee"},
    {"follow_up_before_record", 422, "跟进日期不能早于记录日期", "The follow-up cannot be due before the record's day"},
    {"counsellors_only", 403, "心理辅导记录只能由心理辅导老师填写和查看", "Only counsellors write and read counselling records"},
    {"not_author", 403, "只有记录的填写人可以修改这条记录", "Only the record's author may change it"},
    {"counselling_kind_fixed", 422, "心理辅导记录不能改为其他类型，其他记录也不能改为心理辅导",
     "A counselling record stays one, and no other record can become one"},
    {"correction_window_closed", 409, "已超过可修改期限，只能追加更正说明",
     "The time for editing has passed; add a correction instead"},
    {"unsupported_file_type", 415, "只能上传照片（JPEG、PNG、WebP 或 HEIC）",
     "Only photos can be uploaded (JPEG, PNG, WebP or HEIC)"},
    {"unreadable_image", 422, "照片已损坏或不完整，无法打开", "The photo is damaged or incomplete and cannot be opened"},
    {"image_too_large", 422, "照片像素过多（最多 5000 万像素）", "The photo has too many pixels (at most 50 million)"},
    {"too_much_evidence", 409, "每条记录最多 9 张照片", "At most 9 photos per record"},
    {"unknown_record", 422, "找不到这条帮扶记录", "No such care record for this child"},
    {"tasks_whose", 400, "请指定 mine=1（我的待办）或 org=单位代码（该单位的待办）之一",
     "Ask for mine=1 (your tasks) or org=CODE (an organisation's tasks), one of them"},
    {"unknown_field", 422, "没有这个字段", "There is no such field"},
    {"out_of_range", 422, "数值超出允许范围", "The number is out of range"},
    {"child_org_kind", 422, "儿童只能归属学校或班级", "A child belongs to a school or a class"},
    {"duplicate_id_number", 409, "该身份证号已建档，同一身份证号即同一名儿童", "A child with this ID number is already archived"},
    {"stale_version", 409, "记录已被他人修改，请查看最新内容后再保存", "Someone changed this record meanwhile; review the current version and save again"},
    {"unknown_member", 422, "找不到该家庭成员", "No such family member"},
    {"required", 422, "缺少必填项", "A required field is missing"},
    {"wrong_type", 422, "填写的内容类型不对", "A field has the wrong type"},
    {"too_long", 422, "填写的内容过长", "A field is too long"},
    {"schema_newer_than_program", 503, "数据库已由更新版本的守望升级，本程序版本较旧：请改用新版本",
     "A newer Shouwang has upgraded the database: run that version instead of this one"},
};

const PublicError* Find(std::string_view code) {
  for (const PublicError& known : kPublicErrors) {
    if (code == known.code) return &known;
  }
  return nullptr;
}

// ErrorCode values are declared in the order of the table's first group.
const PublicError& Describe(ErrorCode code) { return kPublicErrors[static_cast<int>(code)]; }

// The error's words in `language`, Traditional made from the Simplified.
std::string Words(const PublicError& error, Language language) {
  if (language == Language::kEn) return error.en;
  return language == Language::kZhTw ? text::ToTaiwanTraditional(error.zh) : error.zh;
}

Response Render(const PublicError& error, const Request& request, const ErrorDetails& details) {
  const bool english = request.language == Language::kEn;
  std::string message = english ? error.en : error.zh;
  const std::string& detail = english ? details.en_detail : details.zh_detail;
  if (!detail.empty()) message += (english ? ": " : "：") + detail;
  if (error.status == 500) {
    message += english ? " (request id " + request.request_id + ")" : "（请求编号 " + request.request_id + "）";
  }
  // One table of Chinese words: Traditional is made from it, as the print labels are.
  if (request.language == Language::kZhTw) message = text::ToTaiwanTraditional(message);
  nlohmann::json field = details.field ? nlohmann::json(*details.field) : nlohmann::json(nullptr);
  return Response::Json(error.status,
                        {{"error", {{"code", error.code}, {"message", message}, {"field", field}}}});
}

std::optional<std::string> FieldOf(const Status& status) {
  if (status.field().empty()) return std::nullopt;
  return status.field();
}

// Accept-Language weight of the range starting at `range`, 1.0 when no q= is given.
double Weight(std::string_view range) {
  const auto q = range.find(";q=");
  if (q == std::string_view::npos) return 1.0;
  double weight = 0;
  std::string_view number = range.substr(q + 3);
  std::from_chars(number.data(), number.data() + number.size(), weight);
  return weight;
}

}  // namespace

Language ChooseLanguage(std::string_view accept_language) {
  double best_zh = -1, best_traditional = -1, best_en = -1;
  while (!accept_language.empty()) {
    const auto comma = accept_language.find(',');
    std::string_view range = accept_language.substr(0, comma);
    while (!range.empty() && range.front() == ' ') range.remove_prefix(1);
    const double weight = Weight(range);
    const bool traditional = range.starts_with("zh-TW") || range.starts_with("zh-HK") || range.starts_with("zh-MO") ||
                             range.starts_with("zh-Hant");
    double& best_chinese = traditional ? best_traditional : best_zh;
    if (range.starts_with("zh")) best_chinese = std::max(best_chinese, weight);
    if (range.starts_with("en")) best_en = std::max(best_en, weight);
    if (comma == std::string_view::npos) break;
    accept_language.remove_prefix(comma + 1);
  }
  if (best_en > std::max(best_zh, best_traditional)) return Language::kEn;
  return best_traditional > best_zh ? Language::kZhTw : Language::kZhCn;
}

Response ErrorResponse(ErrorCode code, const Request& request, const ErrorDetails& details) {
  return Render(Describe(code), request, details);
}

std::string PublicMessage(const Status& status, Language language) {
  if (const PublicError* reason = Find(status.reason())) return Words(*reason, language);
  switch (status.code()) {
    case StatusCode::kInvalidArgument: return Words(Describe(ErrorCode::kValidationFailed), language);
    case StatusCode::kConflict: return Words(Describe(ErrorCode::kConflict), language);
    case StatusCode::kNotFound: return Words(Describe(ErrorCode::kNotFound), language);
    default: return Words(Describe(ErrorCode::kInternal), language);
  }
}

Response ErrorResponse(const Status& status, const Request& request) {
  if (const PublicError* reason = Find(status.reason())) {
    return Render(*reason, request, {.field = FieldOf(status)});
  }
  switch (status.code()) {
    case StatusCode::kOk: return ErrorResponse(ErrorCode::kInternal, request);
    case StatusCode::kInvalidArgument:
      return ErrorResponse(ErrorCode::kValidationFailed, request, {.field = FieldOf(status)});
    case StatusCode::kNotFound: return ErrorResponse(ErrorCode::kNotFound, request);
    case StatusCode::kConflict: return ErrorResponse(ErrorCode::kConflict, request);
    case StatusCode::kUnauthenticated: return ErrorResponse(ErrorCode::kUnauthenticated, request);
    case StatusCode::kPermissionDenied: return ErrorResponse(ErrorCode::kForbidden, request);
    case StatusCode::kBusy:
    case StatusCode::kUnavailable:
      spdlog::warn("[{}] unavailable: {}", request.request_id, status.ToString());
      return ErrorResponse(ErrorCode::kUnavailable, request);
    case StatusCode::kInternal:
      spdlog::error("[{}] internal error: {}", request.request_id, status.ToString());
      return ErrorResponse(ErrorCode::kInternal, request);
  }
  return ErrorResponse(ErrorCode::kInternal, request);
}

}  // namespace sw::http
