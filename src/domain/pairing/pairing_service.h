// Pairing a child with helpers: made and ended by who may change the child, read by who may
// read it, each change audited and kept in the child's history ("pairing.main: — → li.laoshi").
// A helper reaches exactly the children in an open pairing with them (policy.h).
#pragma once

#include "core/clock.h"
#include "domain/access/policy.h"
#include "domain/store.h"

namespace sw::domain {

// Who can be paired with a child, with their loads and the cap at the child's organisation.
struct HelperDirectory {
  std::vector<HelperLoad> helpers;
  std::int64_t cap = 0;
};

class PairingService {
 public:
  PairingService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Pairs `helper_username` (an active account with a role in the child's county) with the
  // child from `starts_on` (empty: today). Conflict already_paired when they are paired now,
  // main_helper_exists when a main helper is asked for and the child has one, helper_load_full
  // when the helper already has the most children the organisation allows. "child.pair".
  Result<Pairing> Pair(const std::string& child_id, const std::string& helper_username, const std::string& role,
                       const std::string& starts_on, const User& caller, const Actor& actor);
  // Ends the pairing today ("child.unpair"); Conflict pairing_ended when it already has.
  Result<Pairing> End(const std::string& child_id, const std::string& pairing_id, const User& caller,
                      const Actor& actor);
  // The child's pairings, open ones first.
  Result<std::vector<Pairing>> OfChild(const std::string& child_id, const User& caller, const Actor& actor);
  // Whom the caller — who may change the child — can pair with it: users with a role at the
  // child's school, or, when `prefix` is given, anywhere in its county whose username or name
  // starts with it; at most kCandidatesListed, by username.
  Result<HelperDirectory> Candidates(const std::string& child_id, const std::string& prefix, const User& caller,
                                     const Actor& actor);

  static constexpr std::int64_t kCandidatesListed = 50;

 private:
  // Runs `work` on the child in the caller's scope for `action`; refusals are audited.
  Status OnChild(const std::string& child_id, const User& caller, const Actor& actor, Action action,
                 const std::function<Status(const Child&, Repositories&)>& work);
  std::string Today() const;

  Store& store_;
  const Clock& clock_;
};

}  // namespace sw::domain
