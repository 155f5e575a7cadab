// The children list's query string (page, page_size, q, org, the filters, extra.<key>), shared
// by the list, the figures and the print views.
#pragma once

#include "domain/store.h"
#include "http/context.h"
#include "http/message.h"
#include "http/query.h"

namespace sw::http {

// InvalidArgument naming the parameter at fault; `org` is looked up in the caller's scope.
Result<domain::ChildQuery> ParseChildQuery(const QueryParameters& parameters, Context& context, const Request& request);

}  // namespace sw::http
