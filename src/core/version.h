#pragma once

namespace sw {

// The release version, set by CMake from project(VERSION).
const char* Version();

}  // namespace sw
