#include "crypto/contract.hpp"

#include <cstdio>
#include <cstdlib>

namespace simreg::crypto {

void contract_violation(const char* what) {
  std::fprintf(stderr, "simreg crypto contract violation: %s\n", what);
  std::abort();
}

}  // namespace simreg::crypto
