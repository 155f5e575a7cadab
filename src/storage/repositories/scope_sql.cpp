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
  return InScope(std::string(alias) + ".org_id", scope, params);
}

}  // namespace sw::storage
