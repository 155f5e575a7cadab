// Moving a child to another school (转学): the sending school asks, the receiving school
// accepts or declines, the sender may withdraw while it is pending. On acceptance the record
// and its history move in one transaction; the sending school keeps a read-only copy of the
// record as it left (status transferred_out), which it reads through the transfer.
#pragma once

#include "core/clock.h"
#include "domain/access/policy.h"
#include "domain/store.h"

namespace sw::domain {

struct TransferPage {
  std::vector<ChildTransfer> items;
  std::int64_t total = 0;
};

class TransferService {
 public:
  TransferService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // By who may change the child, to an active school other than its own; a reason of 2 to 500
  // characters. Conflict transfer_pending while another is open. "child.transfer_request".
  Result<ChildTransfer> Request(const std::string& child_id, const std::string& to_code, const std::string& reason,
                                const User& caller, const Actor& actor);
  // By who writes at the receiving school; the child is placed at `place_code` (the school or
  // one of its classes; empty: the school). "child.transfer_accept".
  Result<ChildTransfer> Accept(const std::string& id, const std::string& place_code, const User& caller,
                               const Actor& actor);
  // The receiving school says no ("child.transfer_decline"), with a note for the sender.
  Result<ChildTransfer> Decline(const std::string& id, const std::string& note, const User& caller,
                                const Actor& actor);
  // The sending school takes it back while pending ("child.transfer_withdraw").
  Result<ChildTransfer> Withdraw(const std::string& id, const User& caller, const Actor& actor);
  // Transfers to (incoming) or from the caller's read scope; `query.scope` is set here.
  Result<TransferPage> List(TransferQuery query, const User& caller, const Actor& actor);
  // One transfer for either side; the sender's copy of the record comes with it for the sending
  // side only. Audited ("child.transfer_read").
  Result<ChildTransfer> Get(const std::string& id, const User& caller, const Actor& actor);

 private:
  // Loads the transfer, checks that the caller's scope for `action` covers the side `sender`
  // names and that it is still pending, runs `decide`, saves and audits `audit_action`.
  Result<ChildTransfer> Decide(const std::string& id, const User& caller, const Actor& actor, bool sender,
                               const char* audit_action,
                               const std::function<Status(ChildTransfer&, Repositories&, const Scope&)>& decide);
  Status Refused(Status status, const std::string& object_id, const Actor& actor);

  Store& store_;
  const Clock& clock_;
};

}  // namespace sw::domain
