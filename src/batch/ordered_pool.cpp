#include "src/batch/ordered_pool.h"

#include <string>

namespace incidentmap {

int resolve_thread_count(int requested) {
  if (requested < 0) {
    throw std::invalid_argument("thread count must be 0 (all cores) or positive, not " +
                                std::to_string(requested));
  }
  if (requested > 0) return requested;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

}  // namespace incidentmap
