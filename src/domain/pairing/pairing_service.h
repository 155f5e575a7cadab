// Pairing a child with helpers: made and ended by who may change the child, read by who may
// read it, each change audited and kept in the child's history ("pairing.main: — → li.laoshi").
// A helper reaches exactly the children in an open pairing with them (policy.h).
#pragma once

#include "core/clock.h"
#include "domain/access/policy.h"
#include "domain/store.h"

namespace sw::domain {

class PairingService {
 public:
  PairingService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Pairs `helper_username` (an active account with a role in the child's county) with the
  // child from `starts_on` (empty: today). Conflict already_paired when they are paired now,
  // main_helper_exists when a main helper is asked for and the child has one. "child.pair".
  Result<Pairing> Pair(const std::string& child_id, const std::string& helper_username, const std::string& role,
                       const std::string& starts_on, const User& caller, const Actor& actor);
  // Ends the pairing today ("child.unpair"); Conflict pairing_ended when it already has.
  Result<Pairing> End(const std::string& child_id, const std::string& pairing_id, const User& caller,
                      const Actor& actor);
  // The child's pairings, open ones first.
  Result<std::vector<Pairing>> OfChild(const std::string& child_id, const User& caller, const Actor& actor);

 private:
  // Runs `work` on the child in the caller's scope for `action`; refusals are audited.
  Status OnChild(const std::string& child_id, const User& caller, const Actor& actor, Action action,
                 const std::function<Status(const Child&, Repositories&)>& work);
  std::string Today() const;

  Store& store_;
  const Clock& clock_;
};

}  // namespace sw::domain
