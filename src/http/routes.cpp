// The whole API on one screen. Handlers live in one file per resource (*_handlers.cpp).
#include "http/routes.h"

#include "http/handlers.h"

namespace sw::http {
namespace {

const Route kRoutes[] = {
    // Probes for load balancers and orchestration.
    {"GET", "/healthz", HandleHealth, RunsOn::kConnectionThread},
    {"GET", "/readyz", HandleReady},

    {"GET", "/api/v1/version", HandleVersion, RunsOn::kConnectionThread},
};

}  // namespace

std::span<const Route> AllRoutes() { return kRoutes; }

}  // namespace sw::http
