// Unguessable identifiers (DESIGN.md: ids are globally unique and cannot be enumerated).
#pragma once

#include <string>

namespace sw {

// 128 random bits from libsodium, as 32 lowercase hex digits. Used for record ids, request
// ids and anything another instance must never collide with.
std::string RandomHexId();

// `bytes` random bytes as lowercase hex (2 × bytes characters).
std::string RandomHex(std::size_t bytes);

}  // namespace sw
