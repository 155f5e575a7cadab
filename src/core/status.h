// Status and Result: how every layer reports failure without exceptions crossing it.
//
// A Status carries a stable machine code (what happened, for callers and for the public
// error shape) and a private detail (for the log only; it may hold SQL text or paths and
// must never reach a client). Result<T> holds either a value or a non-ok Status.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace sw {

enum class StatusCode {
  kOk,
  kInvalidArgument,  // the caller's input is wrong; `field` names what
  kNotFound,
  kConflict,         // unique key taken, stale version
  kUnauthenticated,  // no valid session, wrong credentials
  kPermissionDenied, // signed in, but not allowed (or must change the password first)
  kBusy,             // the database is locked; retry may succeed
  kUnavailable,      // the database or another dependency cannot be reached
  kInternal,         // a bug or an unexpected failure
};

class Status {
 public:
  Status() = default;  // ok

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string field, std::string detail) {
    return Status(StatusCode::kInvalidArgument, std::move(detail), std::move(field));
  }
  static Status NotFound(std::string detail) { return Status(StatusCode::kNotFound, std::move(detail)); }
  static Status Conflict(std::string detail) { return Status(StatusCode::kConflict, std::move(detail)); }
  static Status Busy(std::string detail) { return Status(StatusCode::kBusy, std::move(detail)); }
  static Status Unavailable(std::string detail) {
    return Status(StatusCode::kUnavailable, std::move(detail));
  }
  static Status Internal(std::string detail) { return Status(StatusCode::kInternal, std::move(detail)); }
  static Status Unauthenticated(std::string reason) {
    return Status(StatusCode::kUnauthenticated, "", "", std::move(reason));
  }
  static Status PermissionDenied(std::string reason) {
    return Status(StatusCode::kPermissionDenied, "", "", std::move(reason));
  }

  // The same status with a public reason: a stable snake_case code the client may see and
  // branch on ("account_locked", "password_too_common"); http/errors.cpp words it.
  Status WithReason(std::string reason) const {
    Status copy = *this;
    copy.reason_ = std::move(reason);
    return copy;
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // Private: for logs and tests, never for a response body.
  const std::string& detail() const { return detail_; }
  // The input field at fault, for kInvalidArgument; empty otherwise.
  const std::string& field() const { return field_; }
  // Public reason (see WithReason); empty when the code says it all.
  const std::string& reason() const { return reason_; }
  std::string ToString() const;

 private:
  Status(StatusCode code, std::string detail, std::string field = {}, std::string reason = {})
      : code_(code), detail_(std::move(detail)), field_(std::move(field)), reason_(std::move(reason)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string detail_;
  std::string field_;
  std::string reason_;
};

const char* StatusCodeName(StatusCode code);

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(state_).ok() && "a Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }
  // REQUIRES: ok()
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace sw
