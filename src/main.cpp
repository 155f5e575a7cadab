#include "cli/commands.h"

int main(int argc, char** argv) { return sw::cli::Main(argc, argv); }
