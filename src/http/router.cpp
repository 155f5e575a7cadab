#include "http/router.h"

namespace sw::http {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return segments;
}

// Whether `path` has the segments of `pattern`, each {name} taking one segment into `params`.
bool MatchSegments(const std::vector<std::string_view>& pattern, const std::vector<std::string_view>& path,
                   std::map<std::string, std::string>& params) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i].starts_with('{') && pattern[i].ends_with('}')) {
      params[std::string(pattern[i].substr(1, pattern[i].size() - 2))] = std::string(path[i]);
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

Router::Router(std::span<const Route> routes) : routes_(routes) {
  patterns_.reserve(routes.size());
  for (const Route& route : routes) patterns_.push_back(Segments(route.pattern));
}

RouteMatch Router::Match(std::string_view method, std::string_view path) const {
  RouteMatch match;
  // HEAD is answered by the GET handler; the server drops the body.
  const std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;
  const std::vector<std::string_view> segments = Segments(path);
  for (std::size_t at = 0; at < routes_.size(); ++at) {
    std::map<std::string, std::string> params;
    if (!MatchSegments(patterns_[at], segments, params)) continue;
    if (wanted == routes_[at].method) {
      match.route = &routes_[at];
      match.params = std::move(params);
      return match;
    }
    match.allowed_methods.emplace_back(routes_[at].method);
  }
  return match;
}

}  // namespace sw::http
