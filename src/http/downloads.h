// Files the server makes for a download (a template, an export): sent as an attachment under
// a Chinese name, from disk, and removed once sent.
#pragma once

#include <filesystem>
#include <string>

#include "http/message.h"

namespace sw::http {

// RFC 3986 percent-encoding of everything but the unreserved characters, for a header's
// filename*=UTF-8''… (RFC 6266).
std::string PercentEncode(std::string_view text);

// A new, unique path under <data_dir>/exports (made if missing) for a workbook being written.
std::filesystem::path NewDownloadFile(const std::filesystem::path& data_dir);

// The .xlsx at `made` as the response's body (Response::body_file), offered as `file_name`; the
// file is removed once sent. A file that is not there answers 500.
Response XlsxDownload(const std::filesystem::path& made, const std::string& file_name, const Request& request);

}  // namespace sw::http
