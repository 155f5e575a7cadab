#include "http/query.h"

#include <charconv>
#include <cstdint>

namespace sw::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool IsUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    std::uint32_t code = length == 1 ? byte : byte & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

std::optional<std::string> Decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] != '%') {
      out += text[i];
    } else {
      if (i + 2 >= text.size()) return std::nullopt;  // '%' needs two hex digits
      const int high = HexValue(text[i + 1]);
      const int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    }
  }
  if (!IsUtf8(out)) return std::nullopt;
  return out;
}

}  // namespace

std::optional<std::map<std::string, std::string>> ParseQuery(std::string_view query) {
  std::map<std::string, std::string> parameters;
  while (!query.empty()) {
    const auto ampersand = query.find('&');
    const std::string_view pair = query.substr(0, ampersand);
    if (!pair.empty()) {
      const auto equals = pair.find('=');
      auto name = Decode(pair.substr(0, equals));
      auto value = Decode(equals == std::string_view::npos ? "" : pair.substr(equals + 1));
      if (!name || !value) return std::nullopt;
      parameters[*name] = *value;
    }
    if (ampersand == std::string_view::npos) break;
    query.remove_prefix(ampersand + 1);
  }
  return parameters;
}

std::string Parameter(const QueryParameters& query, const char* name) {
  auto found = query.find(name);
  return found == query.end() ? std::string() : found->second;
}

Result<std::int64_t> IntegerParameter(const QueryParameters& query, const char* name, std::int64_t fallback) {
  auto found = query.find(name);
  if (found == query.end() || found->second.empty()) return fallback;
  std::int64_t value = 0;
  const std::string& text = found->second;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return Status::InvalidArgument(name, "not an integer").WithReason("wrong_type");
  }
  return value;
}

Result<Paging> PagingParameters(const QueryParameters& query, std::int64_t default_size) {
  constexpr std::int64_t kMaxPageSize = 100;
  auto page = IntegerParameter(query, "page", 1);
  if (!page.ok()) return page.status();
  auto page_size = IntegerParameter(query, "page_size", default_size);
  if (!page_size.ok()) return page_size.status();
  if (*page < 1 || *page > 1'000'000) return Status::InvalidArgument("page", "1 or more").WithReason("out_of_range");
  if (*page_size < 1 || *page_size > kMaxPageSize) {
    return Status::InvalidArgument("page_size", "1 to 100").WithReason("out_of_range");
  }
  return Paging{*page, *page_size, (*page - 1) * *page_size, *page_size};
}

}  // namespace sw::http
