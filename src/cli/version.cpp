#include <iostream>

#include "cli/commands.h"
#include "core/version.h"

namespace sw::cli {

int RunVersion() {
  std::cout << "shouwang " << Version() << "\n";
  return 0;
}

}  // namespace sw::cli
