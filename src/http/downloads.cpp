#include "http/downloads.h"

#include <spdlog/spdlog.h>

#include <cctype>

#include "core/random.h"
#include "http/errors.h"

namespace sw::http {

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0x0F];
    }
  }
  return encoded;
}

std::filesystem::path NewDownloadFile(const std::filesystem::path& data_dir) {
  const std::filesystem::path directory = data_dir / "exports";
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  return directory / (NewId() + ".xlsx");
}

Response XlsxDownload(const std::filesystem::path& made, const std::string& file_name, const Request& request) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(made, error)) {
    spdlog::error("[{}] the workbook made for a download is missing", request.request_id);
    return ErrorResponse(ErrorCode::kInternal, request);
  }
  Response response;
  response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  response.body_file = made;  // sent from disk, then removed (a million children's workbook is 46 MB)
  response.headers.emplace_back("Content-Disposition", "attachment; filename*=UTF-8''" + PercentEncode(file_name));
  return response;
}

}  // namespace sw::http
