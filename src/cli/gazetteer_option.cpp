#include "src/cli/gazetteer_option.h"

#include <cstdlib>
#include <filesystem>

#include "src/cli/command.h"

// Defined by the assembly file that embeds default.gaz (cmake/embed_gazetteer.S.in), or by
// cmake/no_embedded_gazetteer.cpp in incidentmap-noindex.
extern "C" const unsigned char incidentmap_gazetteer_data[];
extern "C" const unsigned long long incidentmap_gazetteer_size;

namespace incidentmap::cli {

std::string_view embedded_gazetteer() {
  return {reinterpret_cast<const char*>(incidentmap_gazetteer_data),
          static_cast<std::size_t>(incidentmap_gazetteer_size)};
}

void check_gazetteer_flag(const std::string& flag_value) {
  std::error_code ec;
  if (!flag_value.empty() && !std::filesystem::exists(flag_value, ec))
    throw UsageError("gazetteer index '" + flag_value + "' does not exist");
}

gaz::Index open_gazetteer(const std::string& flag_value) {
  if (!flag_value.empty()) return gaz::Index::open(flag_value);
  if (const char* env = std::getenv("INCIDENTMAP_GAZETTEER"); env != nullptr && *env != '\0') {
    return gaz::Index::open(env);
  }
  const std::string_view embedded = embedded_gazetteer();
  if (embedded.empty()) {
    throw gaz::IndexError(
        "no gazetteer index: this executable has none embedded; give --gazetteer FILE or set "
        "INCIDENTMAP_GAZETTEER");
  }
  // The embedded bytes are part of the executable, as trustworthy as its code: skip the
  // checksum and postings passes (about 5 and 1.5 ms for the default index).
  gaz::OpenOptions options;
  options.verify_checksum = false;
  options.verify_postings = false;
  return gaz::Index::from_memory(embedded.data(), embedded.size(), "<embedded>", options);
}

}  // namespace incidentmap::cli
