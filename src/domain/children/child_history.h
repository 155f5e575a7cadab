// What a change to a child's record leaves in its history: one row per field whose shown value
// differs, the ID number masked as in lists.
#pragma once

#include "domain/store.h"

namespace sw::domain {

// The rows for `before` → `after`, made at `at` by `user_id`; extra fields as "extra.<key>".
std::vector<ChildChange> ChildDifferences(const Child& before, const Child& after, const std::string& at,
                                          const std::string& user_id);

}  // namespace sw::domain
