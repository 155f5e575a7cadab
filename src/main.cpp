#include "cli/commands.h"

#ifdef SHOUWANG_JEMALLOC
// jemalloc reads its settings from this symbol (src/CMakeLists.txt says why it is linked). Two
// arenas for two cores, not eight, and freed pages given back after a second rather than ten:
// a 100k-row import peaked at 197 MB with these against 236–244 MB, the lists as fast.
extern "C" {
const char* malloc_conf = "narenas:2,dirty_decay_ms:1000,muzzy_decay_ms:0";
}
#endif

int main(int argc, char** argv) { return sw::cli::Main(argc, argv); }
