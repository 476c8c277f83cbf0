#pragma once
// Sequential reading of one input (a file or standard input) through zlib, so that gzip
// compressed and plain inputs are read the same way: zlib passes non-gzip bytes through
// unchanged. Reads in large chunks; memory use is the chunk plus the caller's line or document.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace incidentmap {

// An input that cannot be opened or read further. what() is "<input>: <reason>"; the reason
// carries the system's or zlib's own text (strerror, gzerror), e.g. "cannot open: Permission
// denied", "cannot read: invalid block type".
class InputError : public std::runtime_error {
 public:
  InputError(const std::string& input, const std::string& reason);
  const std::string& input() const { return input_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string input_;
  std::string reason_;
};

// How messages name an input: the path, or "<stdin>" for "-".
std::string input_display_name(const std::string& path);

class ReadStream {
 public:
  // Opens `path` for reading; "-" means standard input (which is not closed at the end).
  // Throws InputError when the path cannot be opened (missing, permission denied...).
  explicit ReadStream(const std::string& path);
  ~ReadStream();
  ReadStream(const ReadStream&) = delete;
  ReadStream& operator=(const ReadStream&) = delete;

  // The path as given, "-" for standard input; used in messages.
  const std::string& path() const { return path_; }

  // The first up to `max_bytes` (decompressed) bytes without consuming them, for content
  // sniffing (binary detection, byte order marks). Call before any read; max_bytes is capped
  // at the chunk size (1 MiB). Throws InputError on a read error.
  std::string_view peek(std::size_t max_bytes);

  // Appends up to `max_bytes` bytes to `out`; returns how many were appended, 0 at the end.
  // Throws InputError on a read or decompression error.
  std::size_t read(std::string& out, std::size_t max_bytes);

  // Reads the next line (without its "\n" and a "\r" before it) into `line`. A line longer
  // than `max_line_bytes` is consumed to its end but not stored: `line` is left empty and
  // `*overlong_bytes` receives its length (0 otherwise). Returns false at the end of input.
  // Throws InputError on a read or decompression error.
  bool read_line(std::string& line, std::size_t max_line_bytes, std::size_t* overlong_bytes);

  // 1-based number of the line the last read_line() returned; 0 before the first.
  std::int64_t line_number() const { return line_number_; }

  // Decompressed bytes consumed so far.
  std::uint64_t bytes_read() const { return bytes_read_; }

  // True when the input ended inside a gzip member (a truncated .gz file); the data before
  // the cut was delivered. Meaningful once reads returned the end.
  bool truncated() const { return truncated_; }

 private:
  // Refills the buffer when it is exhausted; false at the end of input.
  bool fill();

  std::string path_;
  void* gz_ = nullptr;  // gzFile, kept opaque so that this header does not include zlib.h
  std::unique_ptr<char[]> buffer_;  // kChunkBytes, allocated at the first read, not zeroed
  std::size_t size_ = 0;            // bytes held in buffer_
  std::size_t pos_ = 0;             // next unread byte in buffer_
  bool eof_ = false;
  bool truncated_ = false;
  std::int64_t line_number_ = 0;
  std::uint64_t bytes_read_ = 0;
};

}  // namespace incidentmap
