// Unguessable identifiers (DESIGN.md: ids are globally unique and cannot be enumerated).
#pragma once

#include <string>

namespace sw {

// An id for a record, or anything another instance must never collide with: 32 lowercase hex
// digits, the first 12 the milliseconds since 1970 (the system clock's), the other 20 random
// digits (80 bits, from NonSecretRandomHex's buffer, so no id can be guessed from another).
// Ids made one after the other sort one after the other, so a new row's id lands at the end of
// an index of ids instead of anywhere in it: a 100k-row import took a sixth less time
// (docs/performance.md).
std::string NewId();

// `bytes` random bytes as lowercase hex (2 × bytes characters), for a secret: a session's
// token, a key. Each call asks the system's generator.
std::string RandomHex(std::size_t bytes);

// The same for what must not be guessed but is no secret (a request's id): the bytes come from
// a per-thread buffer of the generator's, far cheaper when many are made.
std::string NonSecretRandomHex(std::size_t bytes);

}  // namespace sw
