#include "http/downloads.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <fstream>

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
  return directory / (RandomHexId() + ".xlsx");
}

Response XlsxDownload(const std::filesystem::path& made, const std::string& file_name, const Request& request) {
  // Read into a string of the file's size: through a stream the bytes were held two or three
  // times over at the peak (a million children's workbook is 46 MB).
  std::error_code error;
  std::string bytes(static_cast<std::size_t>(std::filesystem::file_size(made, error)), '\0');
  bool read = !error;
  if (read) {
    std::ifstream in(made, std::ios::binary);
    read = static_cast<bool>(in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())));
  }
  std::filesystem::remove(made, error);
  if (!read) {
    spdlog::error("[{}] the workbook made for a download could not be read back", request.request_id);
    return ErrorResponse(ErrorCode::kInternal, request);
  }
  Response response;
  response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  response.body = std::move(bytes);
  response.headers.emplace_back("Content-Disposition", "attachment; filename*=UTF-8''" + PercentEncode(file_name));
  return response;
}

}  // namespace sw::http
