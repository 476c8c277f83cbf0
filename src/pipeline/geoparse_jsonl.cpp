#include "src/pipeline/geoparse_jsonl.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "src/io/json_text.h"
#include "src/pipeline/union_actors.h"
#include "src/recognize/organisation_name.h"
#include "src/resolve/fine_place.h"
#include "src/text/byte_scan.h"
#include "src/text/utf8.h"

namespace incidentmap {

namespace {
double round_to(double v, double scale) { return std::round(v * scale) / scale; }

// Writes through a raw cursor into a buffer kept per thread: each piece checks its room once and
// is then a plain copy (a toponym is a dozen short pieces, and std::string's checks and calls
// per append cost more than their bytes). Pieces the cursor does not handle (escapes, invalid
// UTF-8, numbers without a short decimal form) go through json_text's appenders, so the bytes
// are the same either way. One writer at a time per thread.
class CursorWriter {
 public:
  CursorWriter() : buffer_(thread_buffer()) {
    p_ = buffer_.data();
    end_ = p_ + buffer_.size();
  }
  CursorWriter(const CursorWriter&) = delete;
  CursorWriter& operator=(const CursorWriter&) = delete;

  // The literal `s` (without its terminating NUL).
  template <std::size_t N>
  void literal(const char (&s)[N]) {
    copy(s, N - 1);
  }
  void byte(char c) {
    room(1);
    *p_++ = c;
  }
  void number(std::int64_t v) {
    NumberBuffer buf;
    const std::string_view digits = format_integer(v, buf);
    copy(digits.data(), digits.size());
  }
  // As append_json_number(double): its short-decimal path here, anything else through it.
  void number(double v) {
    constexpr int kDecimals = 6;  // positional() writes this many at most
    if (std::isfinite(v)) {
      if (const std::optional<ShortDecimal> d = short_decimal(v, kDecimals);
          d && d->units >= 100) {  // 10^(kDecimals - 4): below, nlohmann writes an exponent
        positional(*d);
        return;
      }
    }
    through_string([v](std::string& out) { append_json_number(out, v); });
  }
  // format_positional_decimal(d) for d.decimals == 6, the fraction by pairs of digits.
  void positional(const ShortDecimal& d) {
    room(32);
    char* p = p_;
    if (d.negative) *p++ = '-';
    std::uint64_t whole = d.units / 1000000;
    const auto fraction = static_cast<std::uint32_t>(d.units % 1000000);
    char digits[20];
    char* const digits_end = digits + sizeof digits;
    char* q = digits_end;
    do {
      *--q = static_cast<char>('0' + whole % 10);
      whole /= 10;
    } while (whole != 0);
    std::memcpy(p, q, static_cast<std::size_t>(digits_end - q));
    p += digits_end - q;
    *p++ = '.';
    if (fraction == 0) {
      *p++ = '0';
    } else {
      std::memcpy(p, kDigitPairs.data() + 2 * (fraction / 10000), 2);
      std::memcpy(p + 2, kDigitPairs.data() + 2 * (fraction / 100 % 100), 2);
      std::memcpy(p + 4, kDigitPairs.data() + 2 * (fraction % 100), 2);
      std::size_t n = 6;
      while (p[n - 1] == '0') --n;  // stops at a nonzero digit: fraction > 0
      p += n;
    }
    p_ = p;
  }
  // As append_json_string: plain ASCII without escapes is copied as it is (checked while
  // copying), anything else goes through it.
  void string(std::string_view s) {
    room(s.size() + 2);
    char* p = p_;
    *p++ = '"';
    for (const char c : s) {
      if (kSpecial[static_cast<unsigned char>(c)]) {
        through_string([s](std::string& out) { append_json_string(out, s); });
        return;
      }
      *p++ = c;
    }
    *p++ = '"';
    p_ = p;
  }
  // Runs f(out) on an empty string and copies what it appended.
  template <class F>
  void through_string(F&& f) {
    thread_local std::string scratch;
    scratch.clear();
    f(scratch);
    copy(scratch.data(), scratch.size());
  }
  // The bytes written so far.
  std::size_t size() const { return static_cast<std::size_t>(p_ - buffer_.data()); }
  // Appends what was written to `out`.
  void append_to(std::string& out) const {
    out.append(buffer_.data(), static_cast<std::size_t>(p_ - buffer_.data()));
  }

 private:
  // Bytes a JSON string cannot hold as they are (control characters, '"', '\\') and those of
  // multi-byte UTF-8 sequences, which append_json_string checks.
  static constexpr std::array<bool, 256> kSpecial = [] {
    std::array<bool, 256> special{};
    for (int c = 0; c < 256; ++c) special[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
    return special;
  }();

  // "00" "01" ... "99".
  static constexpr std::array<char, 200> kDigitPairs = [] {
    std::array<char, 200> pairs{};
    for (int i = 0; i < 100; ++i) {
      pairs[2 * i] = static_cast<char>('0' + i / 10);
      pairs[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
    return pairs;
  }();

  static std::vector<char>& thread_buffer() {
    thread_local std::vector<char> buffer(4096);
    return buffer;
  }
  void copy(const char* s, std::size_t n) {
    room(n);
    std::memcpy(p_, s, n);
    p_ += n;
  }
  void room(std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n) grow(n);
  }
  [[gnu::noinline]] void grow(std::size_t n) {
    const std::size_t used = static_cast<std::size_t>(p_ - buffer_.data());
    buffer_.resize(std::max(used + n, 2 * buffer_.size()));
    p_ = buffer_.data() + used;
    end_ = buffer_.data() + buffer_.size();
  }

  std::vector<char>& buffer_;
  char* p_ = nullptr;
  char* end_ = nullptr;
};

// Code point offsets of the mentions' begin and end bytes (2 i, 2 i + 1). Mentions found in a
// text come in text order, and then one pass counts them; others (gold spans) are sorted first.
std::vector<std::size_t> codepoint_offsets(std::string_view text,
                                           const std::vector<ResolvedMention>& mentions) {
  std::vector<std::size_t> offsets;
  offsets.reserve(mentions.size() * 2);
  for (const ResolvedMention& m : mentions) {
    offsets.push_back(m.mention.begin);
    offsets.push_back(m.mention.end);
  }
  if (!std::is_sorted(offsets.begin(), offsets.end()))
    return utf8::to_codepoint_offsets(text, offsets);
  std::size_t byte = 0, cp = 0;
  for (std::size_t& offset : offsets) {
    const std::size_t target = std::min(offset, text.size());
    cp += bytes::count_utf8_lead_bytes(text.data() + byte, target - byte);
    byte = target;
    offset = cp;
  }
  return offsets;
}

}  // namespace

std::string geoparse_to_jsonl(const Document& doc, const std::vector<ResolvedMention>& mentions,
                              const GeoparseJsonOptions& options) {
  const std::vector<std::size_t> cp = codepoint_offsets(doc.text, mentions);

  // Written directly, in nlohmann's compact form (src/io/json_text.h): building a DOM per
  // document cost as much as resolving its places. The toponyms go through the cursor first, so
  // that the line is allocated once, with room for the newline the caller adds.
  CursorWriter w;
  w.literal(",\"toponyms\":[");
  bool first = true;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const ResolvedMention& m = mentions[i];
    if (!options.include_demonyms && m.mention.role == MentionRole::kDemonym) continue;
    if (!options.include_organisation_names &&
        (inside_organisation_name(doc.text, m.mention.begin, m.mention.end) || is_union_actor(m)))
      continue;
    if (!options.include_fine_places &&
        is_fine_place(doc.text, m.mention.begin, m.mention.end,
                      m.place ? m.place->feature_class() : '\0',
                      m.place ? m.place->feature_code() : std::string_view()))
      continue;
    if (!first) w.byte(',');
    first = false;
    w.literal("{\"start\":");
    w.number(static_cast<std::int64_t>(cp[2 * i]));
    w.literal(",\"end\":");
    w.number(static_cast<std::int64_t>(cp[2 * i + 1]));
    w.literal(",\"phrase\":");
    w.string(m.mention.surface);
    if (m.place) {
      const gaz::PlaceView& p = *m.place;
      const geo::LonLat position = p.position();
      w.literal(",\"lat\":");
      w.number(round_to(position.lat_deg, 1e6));
      w.literal(",\"lon\":");
      w.number(round_to(position.lon_deg, 1e6));
      w.literal(",\"geonameid\":");
      w.number(p.geonameid());
      w.literal(",\"name\":");
      w.string(p.name());
      w.literal(",\"feature_code\":");
      w.string(p.feature_code());
      w.literal(",\"country_code\":");
      if (const std::string_view country = p.country_code(); country.empty())
        w.literal("null");
      else
        w.string(country);
      w.literal(",\"admin1\":");
      if (const std::string_view admin1 = p.admin1_name(); admin1.empty())
        w.literal("null");
      else
        w.string(admin1);
    } else {
      w.literal(
          ",\"lat\":null,\"lon\":null,\"geonameid\":null,\"name\":null,"
          "\"feature_code\":null,\"country_code\":null,\"admin1\":null");
    }
    w.literal(",\"role\":");
    w.string(role_name(m.mention.role));
    w.literal(",\"confidence\":");
    w.number(round_to(m.confidence, 1e4));
    w.byte('}');
  }
  w.literal("]}");
  std::string out;
  out.reserve(32 + doc.id.size() + doc.id.size() / 8 +
              (options.include_text ? doc.text.size() + doc.text.size() / 16 : 0) + w.size() + 1);
  out += "{\"doc_id\":";
  append_json_string(out, doc.id);
  if (options.include_text) {
    out += ",\"text\":";
    append_json_string(out, doc.text);
  }
  w.append_to(out);
  return out;
}

}  // namespace incidentmap
