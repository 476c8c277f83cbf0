#pragma once

#include <stdexcept>

namespace incidentmap {

// Any output that cannot be validated or written. The message names the path (or layer) and
// carries the system's (strerror) or GDAL's own error text, e.g.
// "cannot write out/a.geojson: No space left on device".
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace incidentmap
