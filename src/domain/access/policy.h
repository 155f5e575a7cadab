// Access, decided in one place: may this user do this action, and on which part of the tree.
//
// Every role assignment is bound to an organisation and its scope runs down the tree from it.
// A user's scope for an action is the union of the subtrees of those assignments whose role
// allows the action; storage turns it into SQL (org_closure), so a query can only return rows
// inside it. A helper's child data is the exception: it reaches the children paired with
// them, not their school (Scope::paired_with_user_id). Admins manage users and settings but
// read no child data; counselling content is for counsellors alone.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/users/user.h"

namespace sw::domain {

enum class Action {
  kReadOrgs,         // see the organisation tree
  kManageOrgs,       // add and change organisations and terms
  kManageUsers,      // add, disable, reset users
  kReadAudit,        // search the audit log
  kReadChildren,     // the child archive (issue 4 on)
  kWriteChildren,
  kManageArchive,    // extra fields and required fields of the archive
  kRecordCare,       // write care records and signals (issue 6 on)
  kManageCare,       // care rules and care settings of an organisation
  kReadCounselling,  // counselling notes and mailbox letters (the last: ActionsOf walks up to it)
};

const char* ActionName(Action action);

// Every action that one of the user's roles allows somewhere, for a client to show only what
// the server would let it do (the server still checks each request).
std::vector<Action> ActionsOf(const User& user);

// What an action may reach: whole subtrees, and — for a helper's child data — the children
// paired with that helper. Empty: the action is not allowed at all.
struct Scope {
  std::vector<std::string> root_org_ids;
  std::string paired_with_user_id;  // set when the user reaches children through pairings
  bool empty() const { return root_org_ids.empty() && paired_with_user_id.empty(); }
  bool operator==(const Scope&) const = default;
};

// Whether `role` may perform `action` at all (within its organisation's subtree).
bool RoleAllows(Role role, Action action);

Scope ScopeFor(const User& user, Action action);

// On whose authority a change is made: the server's operator at the command line, to whom no
// scope applies, or a signed-in user limited to their scope for one action.
struct Authority {
  std::optional<Scope> scope;  // nullopt: the operator
  std::string user_id;         // the signed-in user; empty for the operator

  static Authority Operator() { return {}; }
  static Authority Of(const User& user, Action action) { return {ScopeFor(user, action), user.id}; }
  bool IsOperator() const { return !scope.has_value(); }
  // A signed-in user whose roles do not allow the action anywhere.
  bool Lacks() const { return scope && scope->empty(); }
};

}  // namespace sw::domain
