#include "core/version.h"

namespace sw {

const char* Version() { return SHOUWANG_VERSION; }

}  // namespace sw
