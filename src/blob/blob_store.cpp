#include "blob/blob_store.hpp"

namespace simreg::blob {

bool is_valid_blob_id(std::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace simreg::blob
