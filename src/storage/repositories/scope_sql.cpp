#include "storage/repositories/scope_sql.h"

namespace sw::storage {

std::string InScope(std::string_view org_column, const domain::Scope& scope, Params& params) {
  if (scope.root_org_ids.empty()) return "1 = 0";
  std::string roots;
  for (const std::string& root : scope.root_org_ids) {
    params.emplace_back(root);
    roots += (roots.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  return std::string(org_column) + " IN (SELECT descendant_id FROM org_closure WHERE ancestor_id IN (" + roots + "))";
}

std::string ChildInScope(std::string_view alias, const domain::Scope& scope, Params& params) {
  const std::string subtrees = InScope(std::string(alias) + ".org_id", scope, params);
  if (scope.paired_with_user_id.empty()) return subtrees;
  params.emplace_back(scope.paired_with_user_id);
  return "(" + subtrees + " OR " + std::string(alias) + ".id IN (SELECT child_id FROM pairings WHERE helper_id = $" +
         std::to_string(params.size()) + " AND ends_on = ''))";
}

}  // namespace sw::storage
