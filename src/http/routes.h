#pragma once

#include <span>

#include "http/router.h"

namespace sw::http {

// The whole route table (routes.cpp).
std::span<const Route> AllRoutes();

}  // namespace sw::http
