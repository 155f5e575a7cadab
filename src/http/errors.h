// The one public error shape: {"error":{"code":"…","message":"…","field":null}}.
//
// Codes are stable (clients and scripts branch on them); messages are zh-CN or English by
// Accept-Language. Internal details never go into a response: they are logged with the
// request id, and the 500 message tells the user that id so support can find the log line.
#pragma once

#include <optional>
#include <string>

#include "core/status.h"
#include "http/message.h"

namespace sw::http {

// In the order of the first group of kPublicErrors in errors.cpp.
enum class ErrorCode {
  kBadRequest,
  kInvalidJson,
  kValidationFailed,
  kNotFound,
  kMethodNotAllowed,
  kConflict,
  kUnauthenticated,
  kForbidden,
  kPayloadTooLarge,
  kUnsupportedMediaType,
  kHeaderTooLarge,
  kInternal,
  kUnavailable,
};

struct ErrorDetails {
  std::optional<std::string> field;       // the input field at fault
  std::string zh_detail;                  // appended to the standard message
  std::string en_detail;
};

Response ErrorResponse(ErrorCode code, const Request& request, const ErrorDetails& details = {});

// Maps a domain or storage Status to its public error. A status with a public reason
// ("account_locked", "password_too_common") answers with that reason as its code and its own
// words. Logs the private detail of unexpected failures with the request id.
Response ErrorResponse(const Status& status, const Request& request);

// The public words of a status — its reason's, or its code's — in `language`, without a field or
// request id: for a list of problems (an import's rows) rather than one response.
std::string PublicMessage(const Status& status, Language language);

// The language to answer in, from an Accept-Language header (zh-CN unless English is preferred).
Language ChooseLanguage(std::string_view accept_language);

}  // namespace sw::http
