// domain::Scope as SQL: the one place access scope becomes a WHERE condition.
#pragma once

#include <string>
#include <string_view>

#include "domain/access/policy.h"
#include "storage/rows.h"

namespace sw::storage {

// "<org_column> IN (SELECT descendant_id FROM org_closure WHERE ancestor_id IN ($k, …))",
// appending the scope's roots to `params`. An empty scope matches nothing.
std::string InScope(std::string_view org_column, const domain::Scope& scope, Params& params);

// The children (table alias `alias`) a scope reaches: those of the organisations in its
// subtrees, and — for a helper (Scope::paired_with_user_id) — those in an open pairing with them.
std::string ChildInScope(std::string_view alias, const domain::Scope& scope, Params& params);

}  // namespace sw::storage
