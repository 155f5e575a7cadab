#include <gtest/gtest.h>

#include "http/errors.h"

namespace sw::http {
namespace {

TEST(ChooseLanguage, SimplifiedChineseUnlessEnglishOrTraditionalIsPreferred) {
  EXPECT_EQ(ChooseLanguage(""), Language::kZhCn);
  EXPECT_EQ(ChooseLanguage("zh-CN,zh;q=0.9,en;q=0.8"), Language::kZhCn);
  EXPECT_EQ(ChooseLanguage("zh-TW"), Language::kZhTw);
  EXPECT_EQ(ChooseLanguage("zh-Hant-HK, en;q=0.5"), Language::kZhTw);
  EXPECT_EQ(ChooseLanguage("zh-CN, zh-TW;q=0.8"), Language::kZhCn);
  EXPECT_EQ(ChooseLanguage("en-US,en;q=0.9"), Language::kEn);
  EXPECT_EQ(ChooseLanguage("zh;q=0.5, en;q=0.8"), Language::kEn);
  EXPECT_EQ(ChooseLanguage("fr-FR"), Language::kZhCn);
}

TEST(ErrorResponse, HasTheOneShapeInTheRequestedLanguage) {
  Request request;
  request.language = Language::kEn;
  Response response = ErrorResponse(ErrorCode::kNotFound, request);
  EXPECT_EQ(response.status, 404);
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["error"]["code"], "not_found");
  EXPECT_EQ(body["error"]["message"], "Nothing was found at this address");
  EXPECT_TRUE(body["error"]["field"].is_null());

  request.language = Language::kZhCn;
  body = nlohmann::json::parse(ErrorResponse(ErrorCode::kNotFound, request).body);
  EXPECT_EQ(body["error"]["message"], "找不到请求的内容");

  request.language = Language::kZhTw;
  body = nlohmann::json::parse(ErrorResponse(ErrorCode::kNotFound, request).body);
  EXPECT_EQ(body["error"]["message"], "找不到請求的內容");
}

TEST(ErrorResponse, InternalDetailStaysPrivateButTheRequestIdIsShown) {
  Request request;
  request.request_id = "abc123";
  Response response = ErrorResponse(Status::Internal("SELECT secret FROM /var/lib/x"), request);
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("SELECT"), std::string::npos);
  EXPECT_EQ(response.body.find("/var/lib"), std::string::npos);
  EXPECT_NE(response.body.find("abc123"), std::string::npos);
}

TEST(ErrorResponse, InvalidArgumentNamesTheField) {
  Request request;
  Response response = ErrorResponse(Status::InvalidArgument("id_number", "bad check digit"), request);
  EXPECT_EQ(response.status, 422);
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["error"]["field"], "id_number");
  EXPECT_EQ(response.body.find("check digit"), std::string::npos);
}

TEST(ErrorResponse, StatusCodesMapToHttpStatuses) {
  Request request;
  EXPECT_EQ(ErrorResponse(Status::NotFound("x"), request).status, 404);
  EXPECT_EQ(ErrorResponse(Status::Conflict("x"), request).status, 409);
  EXPECT_EQ(ErrorResponse(Status::Busy("x"), request).status, 503);
  EXPECT_EQ(ErrorResponse(Status::Unavailable("x"), request).status, 503);
}

}  // namespace
}  // namespace sw::http
