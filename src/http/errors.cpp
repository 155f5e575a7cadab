#include "http/errors.h"

#include <spdlog/spdlog.h>

#include <charconv>

namespace sw::http {
namespace {

struct PublicError {
  const char* code;
  int status;
  const char* zh;
  const char* en;
};

const PublicError& Describe(ErrorCode code) {
  static const PublicError kErrors[] = {
      {"bad_request", 400, "请求格式不正确", "The request is malformed"},
      {"invalid_json", 400, "请求体不是有效的 JSON", "The request body is not valid JSON"},
      {"validation_failed", 422, "填写的内容有误", "A field is invalid"},
      {"not_found", 404, "找不到请求的内容", "Nothing was found at this address"},
      {"method_not_allowed", 405, "此地址不支持该请求方法", "This method is not allowed here"},
      {"conflict", 409, "与已有数据冲突", "This conflicts with existing data"},
      {"payload_too_large", 413, "请求体过大", "The request body is too large"},
      {"unsupported_media_type", 415, "请求体必须是 JSON（Content-Type: application/json）",
       "The request body must be JSON (Content-Type: application/json)"},
      {"header_too_large", 431, "请求头过大", "The request headers are too large"},
      {"internal", 500, "服务器内部错误，请稍后重试", "Internal server error; please try again later"},
      {"unavailable", 503, "服务暂时不可用，请稍后重试",
       "The service is temporarily unavailable; please try again later"},
  };
  return kErrors[static_cast<int>(code)];
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
  double best_zh = -1, best_en = -1;
  while (!accept_language.empty()) {
    const auto comma = accept_language.find(',');
    std::string_view range = accept_language.substr(0, comma);
    while (!range.empty() && range.front() == ' ') range.remove_prefix(1);
    const double weight = Weight(range);
    if (range.starts_with("zh")) best_zh = std::max(best_zh, weight);
    if (range.starts_with("en")) best_en = std::max(best_en, weight);
    if (comma == std::string_view::npos) break;
    accept_language.remove_prefix(comma + 1);
  }
  return best_en > best_zh ? Language::kEn : Language::kZhCn;
}

Response ErrorResponse(ErrorCode code, const Request& request, const ErrorDetails& details) {
  const PublicError& error = Describe(code);
  const bool english = request.language == Language::kEn;
  std::string message = english ? error.en : error.zh;
  const std::string& detail = english ? details.en_detail : details.zh_detail;
  if (!detail.empty()) message += (english ? ": " : "：") + detail;
  if (code == ErrorCode::kInternal) {
    message += english ? " (request id " + request.request_id + ")"
                       : "（请求编号 " + request.request_id + "）";
  }
  nlohmann::json field = details.field ? nlohmann::json(*details.field) : nlohmann::json(nullptr);
  return Response::Json(error.status,
                        {{"error", {{"code", error.code}, {"message", message}, {"field", field}}}});
}

Response ErrorResponse(const Status& status, const Request& request) {
  switch (status.code()) {
    case StatusCode::kOk: return ErrorResponse(ErrorCode::kInternal, request);
    case StatusCode::kInvalidArgument:
      return ErrorResponse(ErrorCode::kValidationFailed, request,
                           {.field = status.field().empty() ? std::nullopt
                                                            : std::optional(status.field())});
    case StatusCode::kNotFound: return ErrorResponse(ErrorCode::kNotFound, request);
    case StatusCode::kConflict: return ErrorResponse(ErrorCode::kConflict, request);
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
