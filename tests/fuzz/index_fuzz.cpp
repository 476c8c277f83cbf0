// Fuzz target: the index loader (gazetteer/index.cpp). Arbitrary bytes opened as an index must
// either open or fail with IndexError, never crash; an index that opens must be safe to read
// whole. The bytes are tried as they are (checksum verified), then with the header's payload
// checksum set to the payload's own, so that mutations get past the checksum and reach the
// structural checks (a checksum guards against accidents, not against a crafted file).

#include <xxhash.h>

#include <cstring>

#include "gazetteer/index_format.h"
#include "tests/fuzz/fuzz_util.h"

using namespace incidentmap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  fuzz::exercise_index_bytes(bytes, /*verify_checksum=*/true);
  if (bytes.size() >= gaz::format::kHeaderSize) {
    const std::uint64_t sum = XXH3_64bits(bytes.data() + gaz::format::kHeaderSize,
                                          bytes.size() - gaz::format::kHeaderSize);
    std::memcpy(bytes.data() + offsetof(gaz::format::Header, payload_checksum), &sum, sizeof sum);
    fuzz::exercise_index_bytes(bytes, /*verify_checksum=*/true);
  }
  return 0;
}
