// GoogleTest main for suites that run once per backend (--backend=sqlite|postgres).
#include <gtest/gtest.h>

#include "support/backend.h"

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  sw::testing::ParseBackendFlag(argc, argv);
  return RUN_ALL_TESTS();
}
