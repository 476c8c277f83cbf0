#include "src/io/read_stream.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace incidentmap {

namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

gzFile as_gz(void* p) { return static_cast<gzFile>(p); }

}  // namespace

std::string input_display_name(const std::string& path) {
  return path == "-" ? std::string("<stdin>") : path;
}

InputError::InputError(const std::string& input, const std::string& reason)
    : std::runtime_error(input_display_name(input) + ": " + reason),
      input_(input),
      reason_(reason) {}

ReadStream::ReadStream(const std::string& path) : path_(path) {
  int fd = -1;
  if (path == "-") {
    // A duplicate, so that gzclose() leaves the process's standard input open.
    fd = ::dup(STDIN_FILENO);
  } else {
    do {
      fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
  }
  if (fd < 0) throw InputError(path, std::string("cannot open: ") + std::strerror(errno));
  gz_ = gzdopen(fd, "rb");
  if (gz_ == nullptr) {
    const int saved = errno;
    ::close(fd);
    throw InputError(
        path, std::string("cannot open: ") + (saved != 0 ? std::strerror(saved) : "out of memory"));
  }
  gzbuffer(as_gz(gz_), 256 * 1024);
}

ReadStream::~ReadStream() {
  if (gz_ != nullptr) gzclose(as_gz(gz_));
}

bool ReadStream::fill() {
  size_ = 0;
  pos_ = 0;
  if (eof_) return false;
  if (!buffer_) buffer_ = std::make_unique_for_overwrite<char[]>(kChunkBytes);
  errno = 0;
  const int n = gzread(as_gz(gz_), buffer_.get(), static_cast<unsigned>(kChunkBytes));
  if (n < 0) {
    int zerr = Z_OK;
    const char* message = gzerror(as_gz(gz_), &zerr);
    const std::string reason = zerr == Z_ERRNO ? std::strerror(errno) : message;
    eof_ = true;
    throw InputError(path_, "cannot read: " + reason);
  }
  size_ = static_cast<std::size_t>(n);
  bytes_read_ += static_cast<std::uint64_t>(n);
  if (n == 0) {
    eof_ = true;
    int zerr = Z_OK;
    gzerror(as_gz(gz_), &zerr);
    // zlib reports a gzip stream cut short as Z_BUF_ERROR after delivering what it had.
    truncated_ = zerr == Z_BUF_ERROR;
    return false;
  }
  return true;
}

std::string_view ReadStream::peek(std::size_t max_bytes) {
  if (pos_ >= size_) fill();
  const std::size_t n = std::min(max_bytes, size_ - pos_);
  return std::string_view(buffer_.get() + pos_, n);
}

std::size_t ReadStream::read(std::string& out, std::size_t max_bytes) {
  std::size_t appended = 0;
  while (appended < max_bytes) {
    if (pos_ >= size_ && !fill()) break;
    const std::size_t n = std::min(max_bytes - appended, size_ - pos_);
    out.append(buffer_.get() + pos_, n);
    pos_ += n;
    appended += n;
  }
  return appended;
}

bool ReadStream::read_line(std::string& line, std::size_t max_line_bytes,
                           std::size_t* overlong_bytes) {
  line.clear();
  std::size_t total = 0;
  bool any = false;
  while (true) {
    if (pos_ >= size_ && !fill()) break;
    any = true;
    const char* start = buffer_.get() + pos_;
    const std::size_t avail = size_ - pos_;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', avail));
    const std::size_t take = newline != nullptr ? static_cast<std::size_t>(newline - start) : avail;
    total += take;
    if (total <= max_line_bytes) {
      line.append(start, take);
    } else if (!line.empty()) {
      std::string().swap(line);  // give the memory back while skipping the rest
    }
    pos_ += take;
    if (newline != nullptr) {
      ++pos_;
      break;
    }
  }
  if (!any) return false;
  ++line_number_;
  if (overlong_bytes != nullptr) *overlong_bytes = total > max_line_bytes ? total : 0;
  if (total > max_line_bytes) {
    line.clear();
  } else if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  return true;
}

}  // namespace incidentmap
