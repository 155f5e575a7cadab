#include <gtest/gtest.h>

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
