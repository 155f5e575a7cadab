// The list of migrations. Append only.
#include "storage/migrations/migrations.h"

namespace sw::storage {
namespace {

const Migration kMigrations[] = {
    {1, "instance settings",
     // Key-value facts about this installation (its id, when it was created); later
     // migrations add the domain tables.
     "CREATE TABLE instance_settings ("
     "  key TEXT PRIMARY KEY,"
     "  value TEXT NOT NULL,"
     "  updated_at TEXT NOT NULL"
     ");",
     nullptr},
    {2, "organisations, terms, users, roles, sessions, audit",
     // Times are UTC text of fixed width (core/clock.h), so they compare as text on both
     // backends. county_id on every row lets a national deployment shard by county.
     R"sql(
CREATE TABLE orgs (
  id TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES orgs(id),
  county_id TEXT,
  kind TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX orgs_parent ON orgs(parent_id);

-- Every (ancestor, descendant) pair, including each node with itself at depth 0: a subtree
-- is one indexed lookup on either backend.
CREATE TABLE org_closure (
  ancestor_id TEXT NOT NULL REFERENCES orgs(id),
  descendant_id TEXT NOT NULL REFERENCES orgs(id),
  depth INTEGER NOT NULL,
  PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE INDEX org_closure_descendant ON org_closure(descendant_id, ancestor_id);

CREATE TABLE terms (
  county_id TEXT NOT NULL REFERENCES orgs(id),
  term_key TEXT NOT NULL,
  name TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  PRIMARY KEY (county_id, term_key)
);

CREATE TABLE org_pupil_counts (
  org_id TEXT NOT NULL REFERENCES orgs(id),
  term_key TEXT NOT NULL,
  pupils INTEGER NOT NULL,
  PRIMARY KEY (org_id, term_key)
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  password_changed_at TEXT NOT NULL,
  must_change_password INTEGER NOT NULL,
  totp_secret TEXT NOT NULL DEFAULT '',
  totp_pending TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE role_assignments (
  user_id TEXT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  PRIMARY KEY (user_id, role, org_id)
);
CREATE INDEX role_assignments_org ON role_assignments(org_id);

-- Failed logins in a row per username, whether or not such a user exists, so that a lockout
-- looks the same either way.
CREATE TABLE login_throttle (
  username TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  locked_until TEXT NOT NULL
);

-- Only a hash of the session token is kept.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  second_factor_done INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  user_id TEXT NOT NULL,
  role TEXT NOT NULL,
  org_id TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  request_id TEXT NOT NULL,
  client_address TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_user ON audit_log(user_id, at);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id, at);
CREATE INDEX audit_log_at ON audit_log(at);
)sql",
     nullptr},
    {3, "TOTP codes are used once",
     // RFC 6238 §5.2: a code must not be accepted twice. The last accepted time step is kept.
     "ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;",
     nullptr},
};

}  // namespace

std::span<const Migration> AllMigrations() { return kMigrations; }

}  // namespace sw::storage
