#include "src/batch/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <system_error>

namespace incidentmap {

namespace {

// "1,234,567": thousands separators whatever the locale.
std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string fixed1(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", value);
  return buf;
}

// "0:07", "12:30", "1:02:03".
std::string clock_time(double seconds) {
  const auto total = static_cast<long long>(std::llround(seconds));
  const long long h = total / 3600, m = total / 60 % 60, s = total % 60;
  char buf[48];
  if (h > 0) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", h, m, s);
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld", m, s);
  }
  return buf;
}

constexpr double kBytesPerMb = 1e6;

}  // namespace

bool progress_wanted(int fd, bool quiet) { return !quiet && ::isatty(fd) == 1; }

std::optional<std::uint64_t> total_input_bytes(const std::vector<std::string>& paths) {
  std::uint64_t total = 0;
  for (const std::string& path : paths) {
    if (path == "-") return std::nullopt;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) return std::nullopt;
    total += size;
  }
  return total;
}

std::string format_progress_line(std::uint64_t documents, std::uint64_t bytes, double elapsed_s,
                                 std::optional<std::uint64_t> total_bytes) {
  std::string line = grouped(documents) + (documents == 1 ? " doc  " : " docs  ");
  line += fixed1(static_cast<double>(bytes) / kBytesPerMb);
  if (total_bytes) {
    line += "/" + fixed1(static_cast<double>(*total_bytes) / kBytesPerMb) + " MB";
    if (*total_bytes > 0) {
      const double share =
          std::min(1.0, static_cast<double>(bytes) / static_cast<double>(*total_bytes));
      line += " (" + std::to_string(static_cast<int>(share * 100.0)) + "%)";
    }
  } else {
    line += " MB";
  }
  const double rate = elapsed_s > 0 ? static_cast<double>(bytes) / elapsed_s : 0.0;
  if (elapsed_s > 0) line += "  " + fixed1(rate / kBytesPerMb) + " MB/s";
  if (total_bytes && rate > 0) {
    const double left = *total_bytes > bytes ? static_cast<double>(*total_bytes - bytes) : 0.0;
    line += "  ETA " + clock_time(left / rate);
  }
  return line;
}

Progress::Progress(std::ostream& out, bool enabled, std::optional<std::uint64_t> total_bytes,
                   Clock clock, std::chrono::milliseconds min_interval)
    : out_(out),
      enabled_(enabled),
      total_bytes_(total_bytes),
      clock_(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); })),
      min_interval_(min_interval),
      start_(clock_()) {}

Progress::~Progress() {
  try {
    finish();
  } catch (...) {  // a destructor must not throw; the stream may have failed
  }
}

void Progress::add(std::uint64_t documents, std::uint64_t bytes) {
  documents_ += documents;
  bytes_ += bytes;
  if (!enabled_) return;
  const auto now = clock_();
  if (last_draw_ && now - *last_draw_ < min_interval_) return;
  last_draw_ = now;
  draw();
}

void Progress::draw() {
  const std::chrono::duration<double> elapsed = *last_draw_ - start_;
  std::string line = format_progress_line(documents_, bytes_, elapsed.count(), total_bytes_);
  const std::size_t width = line.size();
  // A shorter line than the last one must cover the leftover characters.
  if (width < drawn_width_) line.append(drawn_width_ - width, ' ');
  out_ << '\r' << line << std::flush;
  drawn_width_ = std::max(drawn_width_, width);
}

void Progress::finish() {
  if (!enabled_) return;
  enabled_ = false;
  if (drawn_width_ == 0) return;
  out_ << '\r' << std::string(drawn_width_, ' ') << '\r' << std::flush;
  drawn_width_ = 0;
}

}  // namespace incidentmap
