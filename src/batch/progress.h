#pragma once
// The progress line of batch runs on stderr:
//   "1,204 docs  38.2/120.0 MB (31%)  12.7 MB/s  ETA 0:06"
// drawn only when stderr is a terminal and --quiet is not given, so logs and pipes stay clean.
// The line is redrawn in place with '\r' at most every min_interval (5 times a second by
// default) and erased by finish(). MB are decimal (10^6 bytes), as in the benchmark figures.
// The output stream and the clock are injected so that tests can drive it.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace incidentmap {

// True when a progress line should be drawn on file descriptor fd: it is a terminal and the
// user did not ask for quiet.
bool progress_wanted(int fd, bool quiet);

// The sum of the sizes of the input files, in bytes, for the ETA; nullopt when any input is
// stdin ("-") or not a regular file (a pipe, a missing path), whose size cannot be known ahead.
std::optional<std::uint64_t> total_input_bytes(const std::vector<std::string>& paths);

// One progress line, without '\r'. elapsed_s > 0 gives a rate; total_bytes adds the percentage
// and, with a non-zero rate, the ETA. Numbers are fixed-format, so the line is deterministic.
std::string format_progress_line(std::uint64_t documents, std::uint64_t bytes, double elapsed_s,
                                 std::optional<std::uint64_t> total_bytes);

class Progress {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  // enabled = false makes every call a no-op (pass progress_wanted(STDERR_FILENO, quiet)).
  // The clock defaults to std::chrono::steady_clock::now; the start time is taken here.
  Progress(std::ostream& out, bool enabled, std::optional<std::uint64_t> total_bytes,
           Clock clock = {},
           std::chrono::milliseconds min_interval = std::chrono::milliseconds(200));
  // Erases the line if finish() was not called (e.g. on an exception).
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Counts documents and bytes done (bytes as read from the input) and redraws when at least
  // min_interval has passed since the last drawing. Not thread-safe: call it from the thread
  // that consumes results.
  void add(std::uint64_t documents, std::uint64_t bytes);

  // Erases the line (spaces over it, then '\r'), leaving the cursor where the line started.
  // Further calls to add() draw nothing.
  void finish();

  std::uint64_t documents() const { return documents_; }
  std::uint64_t bytes() const { return bytes_; }

 private:
  void draw();

  std::ostream& out_;
  bool enabled_;
  std::optional<std::uint64_t> total_bytes_;
  Clock clock_;
  std::chrono::milliseconds min_interval_;
  std::chrono::steady_clock::time_point start_;
  std::optional<std::chrono::steady_clock::time_point> last_draw_;
  std::size_t drawn_width_ = 0;  // bytes of the line on screen, to erase it
  std::uint64_t documents_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace incidentmap
