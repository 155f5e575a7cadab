#include <gtest/gtest.h>

#include <algorithm>

#include "core/embedded_file.h"
#include "http/router.h"
#include "http/routes.h"

namespace sw::http {
namespace {

Response Ok(const Request&, Context&) { return Response::Json(200, {}); }

const Route kRoutes[] = {
    {"GET", "/api/v1/children", Ok},
    {"POST", "/api/v1/children", Ok},
    {"GET", "/api/v1/children/{id}", Ok},
    {"GET", "/api/v1/children/{id}/history", Ok},
};

TEST(Router, MatchesMethodAndPathWithParameters) {
  Router router(kRoutes);
  RouteMatch match = router.Match("GET", "/api/v1/children/abc123");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route, &kRoutes[2]);
  EXPECT_EQ(match.params.at("id"), "abc123");
  EXPECT_EQ(router.Match("GET", "/api/v1/children/abc/history").route, &kRoutes[3]);
  EXPECT_EQ(router.Match("POST", "/api/v1/children").route, &kRoutes[1]);
}

TEST(Router, ToleratesATrailingSlash) {
  Router router(kRoutes);
  EXPECT_EQ(router.Match("GET", "/api/v1/children/").route, &kRoutes[0]);
}

TEST(Router, UnknownPathHasNoRouteAndNoAllowedMethods) {
  Router router(kRoutes);
  RouteMatch match = router.Match("GET", "/api/v1/nothing");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.allowed_methods.empty());
  EXPECT_EQ(router.Match("GET", "/api/v1/children/a/b/c").route, nullptr);
}

TEST(Router, WrongMethodListsTheAllowedOnes) {
  Router router(kRoutes);
  RouteMatch match = router.Match("DELETE", "/api/v1/children");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.allowed_methods, (std::vector<std::string>{"GET", "POST"}));
}

TEST(Router, HeadIsAnsweredByGet) {
  Router router(kRoutes);
  EXPECT_EQ(router.Match("HEAD", "/api/v1/children/x").route, &kRoutes[2]);
}

TEST(RouteTable, OnlyPublicRoutesRunOnTheConnectionThread) {
  // A gated route resumes the session from the database, which must not block a connection thread.
  for (const Route& route : AllRoutes()) {
    if (route.runs_on != RunsOn::kConnectionThread) continue;
    EXPECT_EQ(route.gate, Gate::kPublic) << route.method << " " << route.pattern;
  }
}

TEST(RouteTable, EveryApiRouteIsUnderApiV1) {
  for (const Route& route : AllRoutes()) {
    const std::string pattern = route.pattern;
    const bool probe = pattern == "/healthz" || pattern == "/readyz";
    EXPECT_TRUE(probe || pattern.starts_with("/api/v1/")) << pattern;
  }
}

}  // namespace
}  // namespace sw::http

namespace sw::http {
namespace {

TEST(RouteTable, TheOpenApiDocumentDescribesEveryRoute) {
  const nlohmann::json document = nlohmann::json::parse(ShareFileText("/openapi.json"));
  EXPECT_EQ(document["openapi"], "3.0.3");
  std::size_t operations = 0;
  for (const Route& route : AllRoutes()) {
    std::string method(route.method);
    std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });
    const std::string path(route.pattern);
    EXPECT_TRUE(document["paths"].contains(path) && document["paths"][path].contains(method))
        << route.method << " " << route.pattern << " is missing from share/openapi.json";
    ++operations;
  }
  // And nothing is described that the server does not answer.
  std::size_t described = 0;
  for (const auto& [path, item] : document["paths"].items()) described += item.size();
  EXPECT_EQ(described, operations);
}

}  // namespace
}  // namespace sw::http
