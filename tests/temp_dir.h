#pragma once
// A temporary folder for test fixtures, removed with everything in it at the end of the test.
// Fixtures are written by the tests themselves, so tests need nothing outside the repository.

#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace incidentmap::testing {

class TempDir {
 public:
  TempDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/incidentmap-test-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // The absolute path of `relative` inside the folder.
  std::string path(std::string_view relative) const { return path_ + "/" + std::string(relative); }

  // Writes `content` to `relative` (creating parent folders); gzip-compresses it when the name
  // ends in ".gz". Returns the absolute path.
  std::string write(std::string_view relative, std::string_view content) const {
    const std::string full = path(relative);
    std::filesystem::create_directories(std::filesystem::path(full).parent_path());
    if (relative.ends_with(".gz")) {
      gzFile gz = gzopen(full.c_str(), "wb");
      if (gz == nullptr ||
          (!content.empty() &&
           gzwrite(gz, content.data(), static_cast<unsigned>(content.size())) <= 0) ||
          gzclose(gz) != Z_OK) {
        throw std::runtime_error("cannot write " + full);
      }
      return full;
    }
    std::ofstream out(full, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + full);
    return full;
  }

  // The whole content of `relative` (not decompressed).
  std::string read(std::string_view relative) const {
    std::ifstream in(path(relative), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

 private:
  std::string path_;
};

}  // namespace incidentmap::testing
