#include "gazetteer/line_reader.h"

#include <zlib.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace incidentmap::gaz {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// zlib takes unsigned lengths; reads are capped well below that.
constexpr std::size_t kMaxReadBytes = std::size_t{1} << 30;

gzFile_s* open_gz(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw ImportError(path.string() + ": is a directory");
  }
  errno = 0;
  gzFile_s* file = gzopen(path.c_str(), "rb");
  if (file == nullptr) {
    throw ImportError(path.string() + ": " +
                      (errno != 0 ? std::strerror(errno) : "cannot open (zlib out of memory)"));
  }
  // zlib's own buffers: large ones keep the number of read() calls low.
  gzbuffer(file, 1U << 20);
  return file;
}

// The message for a failed or truncated read, "" when the stream ended cleanly.
std::string gz_error_message(gzFile_s* file) {
  int code = Z_OK;
  const char* message = gzerror(file, &code);
  if (code == Z_OK) return "";
  if (code == Z_ERRNO) return std::strerror(errno);
  return message != nullptr ? message : "zlib error";
}

}  // namespace

LineReader::LineReader(const std::filesystem::path& path, std::size_t chunk_bytes)
    : file_(open_gz(path)), path_(path.string()), buffer_(std::max<std::size_t>(chunk_bytes, 64)) {}

LineReader::~LineReader() {
  if (file_ != nullptr) gzclose(file_);
}

bool LineReader::fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) {
    buffer_.resize(std::min(buffer_.size() * 2, kMaxLineBytes + 1));
  }
  const std::size_t want = std::min(buffer_.size() - end_, kMaxReadBytes);
  const int got = gzread(file_, buffer_.data() + end_, static_cast<unsigned>(want));
  if (got <= 0) {
    eof_ = true;
    error_ = gz_error_message(file_);
    return false;
  }
  end_ += static_cast<std::size_t>(got);
  bytes_read_ += static_cast<std::uint64_t>(got);
  if (at_start_ && end_ >= kBom.size()) {
    at_start_ = false;
    if (std::string_view(buffer_.data(), kBom.size()) == kBom) begin_ += kBom.size();
  }
  return true;
}

bool LineReader::next(std::string_view& line) {
  line_too_long_ = false;
  while (true) {
    const char* data = buffer_.data();
    const auto* newline = static_cast<const char*>(std::memchr(data + begin_, '\n', end_ - begin_));
    if (newline != nullptr) {
      const auto stop = static_cast<std::size_t>(newline - data);
      const std::size_t start = begin_;
      begin_ = stop + 1;
      if (discarding_) {
        discarding_ = false;
        continue;
      }
      std::size_t len = stop - start;
      if (len > 0 && data[start + len - 1] == '\r') --len;
      line = std::string_view(data + start, len);
      ++line_number_;
      return true;
    }
    if (discarding_) begin_ = end_;
    if (end_ - begin_ >= kMaxLineBytes) {
      // Hand out the first kMaxLineBytes and drop the rest of this line.
      line = std::string_view(data + begin_, kMaxLineBytes);
      begin_ = end_;
      discarding_ = true;
      line_too_long_ = true;
      ++line_number_;
      return true;
    }
    if (!fill()) {
      if (at_start_ && end_ > 0) at_start_ = false;  // a file shorter than a BOM
      if (begin_ == end_ || discarding_) return false;
      std::size_t len = end_ - begin_;
      if (buffer_[begin_ + len - 1] == '\r') --len;
      line = std::string_view(buffer_.data() + begin_, len);
      begin_ = end_;
      ++line_number_;
      return true;
    }
  }
}

std::string read_whole_file(const std::filesystem::path& path) {
  gzFile_s* file = open_gz(path);
  std::string out;
  std::vector<char> chunk(std::size_t{1} << 20);
  while (true) {
    const int got = gzread(file, chunk.data(), static_cast<unsigned>(chunk.size()));
    if (got <= 0) break;
    out.append(chunk.data(), static_cast<std::size_t>(got));
  }
  const std::string error = gz_error_message(file);
  gzclose(file);
  if (!error.empty()) throw ImportError(path.string() + ": " + error);
  if (out.starts_with(kBom)) out.erase(0, kBom.size());
  return out;
}

namespace {

constexpr std::uint64_t kLowBits = 0x0101010101010101ULL;
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

// Offset of the first `c` in [p, end), or end - p. Sixteen bytes at a time with SSE2 (part of
// x86-64), eight with SWAR elsewhere: GeoNames fields are short, and a memchr call per field
// costs more than the scan itself.
std::size_t find_byte(const char* p, const char* end, char c) {
  const char* const start = p;
#ifdef __SSE2__
  const __m128i pattern = _mm_set1_epi8(c);
  while (end - p >= 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const int mask = _mm_movemask_epi8(_mm_cmpeq_epi8(block, pattern));
    if (mask != 0)
      return static_cast<std::size_t>(p - start + __builtin_ctz(static_cast<unsigned>(mask)));
    p += 16;
  }
#endif
  const std::uint64_t pattern8 = kLowBits * static_cast<unsigned char>(c);
  while (end - p >= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, 8);
    const std::uint64_t x = word ^ pattern8;
    // Borrows only propagate above a zero byte, so the lowest flagged byte is exact.
    const std::uint64_t found = (x - kLowBits) & ~x & kHighBits;
    if (found != 0) {
      return static_cast<std::size_t>(p - start) +
             static_cast<std::size_t>(__builtin_ctzll(found) / 8);  // little-endian
    }
    p += 8;
  }
  while (p < end && *p != c) ++p;
  return static_cast<std::size_t>(p - start);
}

}  // namespace

nlohmann::json read_json_file(const std::filesystem::path& path, ImportReport& report) {
  std::string text = read_whole_file(path);
  if (!is_valid_utf8(text)) {
    report.add_issue(0, "invalid UTF-8 replaced by U+FFFD");
    text = replace_invalid_utf8(text);
  }
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw ImportError(path.string() + ": " + e.what());
  }
}

std::size_t split_fields(std::string_view line, char sep, std::span<std::string_view> out) {
  std::size_t count = 0;
  const char* p = line.data();
  const char* const end = p + line.size();
  while (true) {
    const std::size_t len = find_byte(p, end, sep);
    if (count < out.size()) out[count] = std::string_view(p, len);
    ++count;
    if (p + len == end) return count;
    p += len + 1;
  }
}

std::size_t find_separator(std::string_view text, char sep) {
  const std::size_t at = find_byte(text.data(), text.data() + text.size(), sep);
  return at == text.size() ? std::string_view::npos : at;
}

std::optional<std::int64_t> parse_int64(std::string_view text) {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

std::optional<double> parse_double(std::string_view text) {
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

namespace {

// Length of the well-formed UTF-8 sequence at s[0] (1..4), or 0 when it is not well formed.
std::size_t utf8_sequence_length(const unsigned char* s, std::size_t avail) {
  const unsigned char c = s[0];
  if (c < 0x80) return 1;
  auto cont = [&](std::size_t i) { return i < avail && (s[i] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (avail < 2) return 0;
    // No overlongs (E0 80..9F) and no surrogates (ED A0..BF).
    if (c == 0xE0 && s[1] < 0xA0) return 0;
    if (c == 0xED && s[1] > 0x9F) return 0;
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (avail < 2) return 0;
    // No overlongs (F0 80..8F) and nothing above U+10FFFF (F4 90..).
    if (c == 0xF0 && s[1] < 0x90) return 0;
    if (c == 0xF4 && s[1] > 0x8F) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
#ifdef __SSE2__
    if (i + 16 <= n) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      const int high = _mm_movemask_epi8(block);
      if (high == 0) {
        i += 16;
        continue;
      }
      i += static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(high)));
    }
#endif
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = utf8_sequence_length(s + i, n - i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string replace_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t len = utf8_sequence_length(s + i, text.size() - i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string quote_field(std::string_view text) {
  constexpr std::size_t kMax = 40;
  if (text.size() <= kMax) return "'" + std::string(text) + "'";
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return "'" + std::string(text.substr(0, cut)) + "...'";
}

std::optional<std::int64_t> parse_positive_id(std::string_view field, std::string_view what,
                                              std::string& reason) {
  const std::optional<std::int64_t> id = parse_int64(field);
  if (!id) {
    reason = std::string(what) + " " + quote_field(field) + " is not a number";
  } else if (*id <= 0) {
    reason = std::string(what) + " " + quote_field(field) + " is not positive";
  } else {
    return id;
  }
  return std::nullopt;
}

std::optional<std::int64_t> parse_count(std::string_view field, std::string_view what,
                                        std::string& reason) {
  if (field.empty()) return 0;
  const std::optional<std::int64_t> value = parse_int64(field);
  if (!value) {
    reason = std::string(what) + " " + quote_field(field) + " is not a number";
  } else if (*value < 0) {
    reason = std::string(what) + " " + quote_field(field) + " is negative";
  } else {
    return value;
  }
  return std::nullopt;
}

std::optional<geo::LonLat> parse_lat_lon(std::string_view lat_field, std::string_view lon_field,
                                         std::string& reason) {
  const std::optional<double> lat = parse_double(lat_field);
  const std::optional<double> lon = parse_double(lon_field);
  if (!lat) {
    reason = "latitude " + quote_field(lat_field) + " is not a number";
  } else if (!lon) {
    reason = "longitude " + quote_field(lon_field) + " is not a number";
  } else if (std::abs(*lat) > 90.0) {
    reason = "latitude " + quote_field(lat_field) + " out of range";
  } else if (std::abs(*lon) > 180.0) {
    reason = "longitude " + quote_field(lon_field) + " out of range";
  } else {
    return geo::LonLat{*lon, *lat};
  }
  return std::nullopt;
}

std::optional<char> parse_feature_class(std::string_view field, std::string& reason) {
  if (field.size() == 1 && std::string_view("AHLPRSTUV").find(field[0]) != std::string_view::npos) {
    return field[0];
  }
  reason = field.empty() ? "empty feature class" : "unknown feature class " + quote_field(field);
  return std::nullopt;
}

bool IdSet::insert(std::int64_t id) {
  if (id > 0 && id < kDenseLimit) {
    const auto index = static_cast<std::size_t>(id);
    const std::size_t word = index / 64;
    if (word >= bits_.size()) bits_.resize(std::max(word + 1, bits_.size() * 2), 0);
    const std::uint64_t mask = std::uint64_t{1} << (index % 64);
    if ((bits_[word] & mask) != 0) return false;
    bits_[word] |= mask;
    return true;
  }
  return sparse_.insert(id).second;
}

ImportReport make_report(const std::filesystem::path& path, std::string source_kind) {
  ImportReport report;
  report.file = path.string();
  report.source_kind = std::move(source_kind);
  return report;
}

}  // namespace incidentmap::gaz
