#include "http/message.h"

namespace sw::http {

std::string Request::Cookie(std::string_view name) const {
  std::string_view cookies = Header("cookie");
  while (!cookies.empty()) {
    const auto separator = cookies.find(';');
    std::string_view pair = cookies.substr(0, separator);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) return std::string(pair.substr(equals + 1));
    if (separator == std::string_view::npos) break;
    cookies.remove_prefix(separator + 1);
  }
  return "";
}

}  // namespace sw::http
