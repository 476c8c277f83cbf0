#include "src/output/geojson_writer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "src/batch/ordered_pool.h"
#include "src/io/json_text.h"
#include "src/text/byte_scan.h"

namespace incidentmap {

namespace {

// Text is written at a cursor: each put* function writes at `p`, into room its caller made, and
// returns the end of what it wrote.
template <std::size_t N>
char* put(char* p, const char (&literal)[N]) {
  std::memcpy(p, literal, N - 1);
  return p + (N - 1);
}

char* put(char* p, std::string_view text) {
  // An empty view may hold a null pointer, which memcpy must not be given even for 0 bytes.
  if (!text.empty()) std::memcpy(p, text.data(), text.size());
  return p + text.size();
}

// GDAL writes feature members with json-c's JSON_C_TO_STRING_NOSLASHESCAPE, but the layer
// header and GeoJSONSeq records without it ("\/"). Otherwise json-c escapes exactly what
// nlohmann escapes, and the strings are valid UTF-8 (validate_layer).
// `valid`: s is known to be valid UTF-8 without NUL (a value or name validate_layer checked).
void append_string(std::string& out, std::string_view s, bool escape_slash, bool valid = false) {
  const std::size_t start = out.size();
  if (valid) {
    append_valid_json_string(out, s);
  } else {
    append_json_string(out, s);
  }
  if (!escape_slash || s.find('/') == std::string_view::npos) return;
  // '/' never occurs inside an escape sequence, so every one in the quoted text is literal.
  std::string quoted = out.substr(start);
  out.resize(start);
  for (const char c : quoted) {
    if (c == '/') out += '\\';
    out += c;
  }
}

// A feature is written into room reserved for its bound at once (append_feature), with no
// capacity check or call per piece. The bound includes kSlack bytes past the end of the text,
// which put_key's fixed-size copy may fill with bytes that are then not part of it.
constexpr std::size_t kSlack = 48;
// Longest text of real_text and put_coordinate (buffers of 66 and 32 bytes).
constexpr std::size_t kNumberBound = 72;

// Where real_text writes: short decimals into `digits`, every other text (with room for the
// ".0" it may add after 64 bytes of std::to_chars) into `chars`.
struct RealBuffer {
  NumberBuffer digits;
  std::array<char, 66> chars;
};

// Defined beside append_geojson_coordinate and append_geojson_real, which they serve.
char* put_coordinate(char* p, double deg);
std::string_view real_text(double v, RealBuffer& buf);

// As append_json_number for an integer.
char* put_integer(char* p, std::int64_t v) {
  std::uint64_t magnitude =
      v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  if (v < 0) *p++ = '-';
  std::size_t digits = 1;
  for (std::uint64_t rest = magnitude; rest >= 10; rest /= 10) ++digits;
  char* const end = p + digits;
  char* q = end;
  do {
    *--q = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  return end;
}

// Per byte: 1 when a JSON string escapes it, 2 for '/' (escaped where GDAL escapes slashes).
constexpr std::array<unsigned char, 256> make_escape_classes() {
  std::array<unsigned char, 256> classes{};
  for (int c = 0; c < 0x20; ++c) classes[c] = 1;
  classes['"'] = classes['\\'] = 1;
  classes['/'] = 2;
  return classes;
}
constexpr std::array<unsigned char, 256> kEscapeClasses = make_escape_classes();

// As append_string(out, s, escape_slash, true): s is valid UTF-8, so only ASCII bytes (and '/'
// with escape_slash) can need an escape. At most 6 * s.size() + 2 bytes.
char* put_string(char* p, std::string_view s, bool escape_slash) {
  *p++ = '"';
  // Longer texts go by runs between the bytes that need an escape, found 16 bytes at a time.
  if (!escape_slash && s.size() >= 16) {
    const char* in = s.data();
    const char* const end = in + s.size();
    for (;;) {
      const char* special = bytes::find_json_special(in, end, false);
      p = put(p, std::string_view(in, static_cast<std::size_t>(special - in)));
      if (special == end) break;
      p = put(p, json_escape(static_cast<unsigned char>(*special)));
      in = special + 1;
    }
    *p++ = '"';
    return p;
  }
  const unsigned char escaped = escape_slash ? 3 : 1;
  for (const char c : s) {
    const unsigned char byte = static_cast<unsigned char>(c);
    if (!(kEscapeClasses[byte] & escaped)) [[likely]] {
      *p++ = c;
    } else if (c == '/') {
      p = put(p, "\\/");
    } else {
      p = put(p, json_escape(byte));
    }
  }
  *p++ = '"';
  return p;
}

// "\"YYYY-MM-DD\"" as format_iso_date writes it, without its snprintf. Precondition: a valid
// date (validate_layer), so year in [0, 9999].
char* put_quoted_date(char* p, const CivilDate& d) {
  char buf[12] = {'"', '0', '0', '0', '0', '-', '0', '0', '-', '0', '0', '"'};
  const auto digits = [&](int value, int last, int width) {
    for (int i = 0; i < width; ++i, value /= 10)
      buf[last - i] = static_cast<char>('0' + value % 10);
  };
  digits(d.year, 4, 4);
  digits(d.month, 7, 2);
  digits(d.day, 10, 2);
  std::memcpy(p, buf, sizeof buf);
  return p + sizeof buf;
}

// Most bytes put_value writes for `value`.
std::size_t value_bound(const FieldValue& value) {
  struct Visitor {
    std::size_t operator()(std::monostate) const { return 4; }
    std::size_t operator()(std::int64_t) const { return 20; }
    std::size_t operator()(double) const { return kNumberBound; }
    std::size_t operator()(const std::string& v) const { return 6 * v.size() + 6; }
    std::size_t operator()(const CivilDate&) const { return 12; }
    std::size_t operator()(const UtcDateTime& t) const { return format_iso_datetime(t).size() + 2; }
    std::size_t operator()(bool) const { return 5; }
    std::size_t operator()(const std::vector<std::string>& list) const {
      std::size_t bound = 4;
      for (const std::string& v : list) bound += 6 * v.size() + 4;
      return bound;
    }
  };
  return std::visit(Visitor{}, value);
}

char* put_value(char* p, const FieldValue& value, bool escape_slash) {
  struct Visitor {
    char* p;
    bool escape_slash;
    char* operator()(std::monostate) const { return put(p, "null"); }
    char* operator()(std::int64_t v) const { return put_integer(p, v); }
    char* operator()(double v) const {
      RealBuffer buf;
      return put(p, real_text(v, buf));
    }
    char* operator()(const std::string& v) const {
      // As the GDAL path: "" is written as null in every format.
      return v.empty() ? put(p, "null") : put_string(p, v, escape_slash);
    }
    char* operator()(const CivilDate& d) const { return put_quoted_date(p, d); }
    char* operator()(const UtcDateTime& t) const {
      char* q = p;
      *q++ = '"';
      q = put(q, format_iso_datetime(t));
      *q++ = '"';
      return q;
    }
    char* operator()(bool v) const { return v ? put(p, "true") : put(p, "false"); }
    char* operator()(const std::vector<std::string>& list) const {
      char* q = put(p, "[ ");
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (i > 0) q = put(q, ", ");
        q = put_string(q, list[i], escape_slash);
      }
      return list.empty() ? put(q, "]") : put(q, " ]");
    }
  };
  return std::visit(Visitor{p, escape_slash}, value);
}

// Member names of the properties object, quoted, with the separators json-c writes. A short
// one is also kept zero-padded in a fixed-size block, so that it is copied with a few moves
// rather than a call to memcpy.
struct PropertyKey {
  static constexpr std::size_t kPadded = kSlack;
  std::string text;
  std::array<char, kPadded> padded{};
};

std::vector<PropertyKey> property_keys(const Layer& layer, bool escape_slash) {
  std::vector<PropertyKey> keys;
  for (std::size_t i = 0; i < layer.fields.size(); ++i) {
    PropertyKey key;
    key.text = i == 0 ? " " : ", ";
    append_string(key.text, layer.fields[i].name, escape_slash, true);
    key.text += ": ";
    if (key.text.size() <= PropertyKey::kPadded)
      std::memcpy(key.padded.data(), key.text.data(), key.text.size());
    keys.push_back(std::move(key));
  }
  return keys;
}

char* put_key(char* p, const PropertyKey& key) {
  if (key.text.size() > PropertyKey::kPadded) return put(p, key.text);
  std::memcpy(p, key.padded.data(), PropertyKey::kPadded);
  return p + key.text.size();
}

// Text written through a cursor into room that is not initialised first, as std::string::resize
// would do (a memset of the whole bound for every feature).
class TextBlock {
 public:
  // Room for `extra` more bytes after the text; hand the end of what was written to commit.
  char* room(std::size_t extra) {
    if (size_ + extra > capacity_) grow(std::max(size_ + extra, 2 * capacity_));
    return data_.get() + size_;
  }
  void commit(const char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }
  void append(std::string_view text) { commit(put(room(text.size()), text)); }
  void reserve(std::size_t capacity) {
    if (capacity > capacity_) grow(capacity);
  }
  std::string_view view() const { return {data_.get(), size_}; }

 private:
  void grow(std::size_t capacity) {
    std::unique_ptr<char[]> data(new char[capacity]);
    if (size_ > 0) std::memcpy(data.get(), data_.get(), size_);
    data_ = std::move(data);
    capacity_ = capacity;
  }
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// Appends one feature, preceded by `separator`, as json-c lays it out.
void append_feature(TextBlock& out, std::string_view separator, const Feature& feature,
                    const std::vector<PropertyKey>& keys, bool escape_slash) {
  std::size_t bound = separator.size() + 256 + kSlack;
  for (std::size_t i = 0; i < keys.size(); ++i)
    bound += keys[i].text.size() + value_bound(feature.values[i]);
  char* p = out.room(bound);
  p = put(p, separator);
  p = put(p, "{ \"type\": \"Feature\", \"id\": ");
  p = put_integer(p, feature.id);
  p = put(p, ", \"properties\": {");
  for (std::size_t i = 0; i < keys.size(); ++i) {
    p = put_key(p, keys[i]);
    p = put_value(p, feature.values[i], escape_slash);
  }
  p = put(p, " }, \"geometry\": ");
  if (feature.point) {
    p = put(p, "{ \"type\": \"Point\", \"coordinates\": [ ");
    p = put_coordinate(p, feature.point->lon_deg);
    p = put(p, ", ");
    p = put_coordinate(p, feature.point->lat_deg);
    p = put(p, " ] } }");
  } else {
    p = put(p, "null }");
  }
  out.commit(p);
}

// Features per block of text formatted at once: about 0.2 MB of mentions, so that the blocks in
// flight between the formatting threads and the writer stay small, and a layer of a few thousand
// features still splits evenly between the threads.
constexpr std::size_t kChunkFeatures = 512;

// The layer's text up to its first feature ("" for GeoJSONSeq).
std::string layer_head(const Layer& layer, OutputFormat format) {
  std::string head;
  if (format == OutputFormat::GeoJSONSeq) return head;
  head += "{\n\"type\": \"FeatureCollection\",\n\"name\": ";
  append_string(head, layer.name, true);
  head += ",\n";
  if (!layer.description.empty()) {
    head += "\"description\": ";
    append_string(head, layer.description, true);
    head += ",\n";
  }
  head += "\"features\": [\n";
  return head;
}

// The text after the last feature.
std::string_view layer_tail(OutputFormat format) {
  return format == OutputFormat::GeoJSONSeq ? std::string_view() : "\n]\n}\n";
}

// Appends features [begin, end) with the separators that precede each of them in the layer.
void append_features(TextBlock& out, const Layer& layer, std::size_t begin, std::size_t end,
                     OutputFormat format, bool record_separator,
                     const std::vector<PropertyKey>& keys) {
  const bool sequence = format == OutputFormat::GeoJSONSeq;
  for (std::size_t i = begin; i < end; ++i) {
    std::string_view separator;
    if (sequence) {
      if (record_separator) separator = "\x1e";
    } else if (i > 0) {
      separator = ",\n";
    }
    append_feature(out, separator, layer.features[i], keys, sequence);
    if (sequence) out.append("\n");
  }
}

}  // namespace

bool writes_geojson_directly(OutputFormat format) {
  return format == OutputFormat::GeoJSON || format == OutputFormat::GeoJSONSeq;
}

namespace {

// Writes `d` as format_positional_decimal does, below 10^3 without its divisions
// by variable powers of ten; at most 32 bytes. Precondition: d.decimals == 6.
char* put_micro_decimal(char* p, const ShortDecimal& d) {
  const std::uint64_t whole = d.units / 1000000;
  std::uint64_t fraction = d.units % 1000000;
  if (whole >= 1000) {
    NumberBuffer buf;
    return put(p, format_positional_decimal(d, buf));
  }
  // The fraction without its trailing zeros, "0" for 0.
  if (d.negative) *p++ = '-';
  if (whole >= 100) *p++ = static_cast<char>('0' + whole / 100);
  if (whole >= 10) *p++ = static_cast<char>('0' + whole / 10 % 10);
  *p++ = static_cast<char>('0' + whole % 10);
  *p++ = '.';
  if (fraction == 0) {
    *p++ = '0';
    return p;
  }
  int digits = 6;
  for (; fraction % 10 == 0; fraction /= 10) --digits;
  for (int i = digits - 1; i >= 0; --i, fraction /= 10)
    p[i] = static_cast<char>('0' + fraction % 10);
  return p + digits;
}

// Writes a coordinate as append_geojson_coordinate appends it; at most 32 bytes.
char* put_coordinate(char* p, double deg) {
  // The integer round_to_step(deg, 1e-6) divides by 10^6 (its sign, even for 0, is the sign
  // that value has); the quotient is the double nearest micro / 10^6.
  const double rounded = std::round(deg * 1e6);
  const auto micro = static_cast<long long>(std::fabs(rounded));
  long long whole = micro / 1000000;
  long long fraction = micro % 1000000;
  // GDAL's OGRFormatDouble prints "%.6f" and then, in texts longer than 10 characters (here:
  // negative values from -100 on), takes a "00000x" ending for a rounding error ("-179.000001"
  // prints as "-179.0") and rounds a "99999x" one up ("-179.999991" prints as "-180.0").
  // tests/geojson_writer_test.cpp holds both against GDAL; all of [-180, -100] was compared.
  if (rounded < 0 && whole >= 100) {
    if (fraction / 10 == 0) {
      fraction = 0;
    } else if (fraction / 10 == 99999) {
      fraction = 0;
      ++whole;
    }
  }
  // -0 keeps its sign, as in GDAL ("-0.0").
  return put_micro_decimal(
      p, {std::signbit(rounded),
          static_cast<std::uint64_t>(whole) * 1000000 + static_cast<std::uint64_t>(fraction), 6});
}

}  // namespace

void append_geojson_coordinate(std::string& out, double deg) {
  NumberBuffer buf;
  out.append(buf, put_coordinate(buf, deg));
}

namespace {

constexpr std::size_t kToCharsRoom = 64;

// The common case of real_text without its up to four printf-style conversions: a value whose
// shortest round-trip form S has at most 9 significant digits, none of them a run of six 0s or
// 9s, in [1e-4, 1e13). Either v is S exactly, and %.17g prints S; or %.17g prints S perturbed
// by less than 23 units in the 17th digit (v is within an ulp of S), so digits 10-15 are all 0s
// or all 9s, a run; then %.16g or, failing that, %.15g rounds back to S. Either way GDAL prints
// S. nullopt for every other value.
std::optional<std::string_view> short_real_text(double v, RealBuffer& buf) {
  const double magnitude = std::fabs(v);
  if (!(magnitude >= 1e-4 && magnitude < 1e13)) return std::nullopt;
  // Rounded values (confidences, coordinates) have their shortest digits from short_decimal;
  // they are what std::to_chars would print, without the ".0" it leaves off integers.
  if (const auto d = short_decimal(v, 6)) {
    // Below 10^3 the text has at most 3 + 6 significant digits, and its fraction holds a run of
    // six 9s only when it is .999999: the checks below reduce to that one.
    if (d->units < 1000 * std::uint64_t{1000000}) {
      if (d->units % 1000000 == 999999) return std::nullopt;
      char* const chars = buf.chars.data();
      return std::string_view(chars,
                              static_cast<std::size_t>(put_micro_decimal(chars, *d) - chars));
    }
    const std::string_view text = format_positional_decimal(*d, buf.digits);
    // An integer ("123.0"): printed as to_chars' "123" plus ".0", with no digit limit.
    if (text.ends_with(".0")) return text;
    // The fraction has at most 6 digits and ends in a nonzero one: no run of six 0s.
    int significant = 0;
    for (const char c : text) {
      if (c < '0' || c > '9' || (significant == 0 && c == '0')) continue;
      ++significant;
    }
    if (significant > 9 || text.substr(text.find('.')).find("999999") != std::string_view::npos) {
      return std::nullopt;
    }
    return text;
  }
  char* const chars = buf.chars.data();
  const auto r = std::to_chars(chars, chars + kToCharsRoom, v, std::chars_format::fixed);
  const std::string_view text(chars, static_cast<std::size_t>(r.ptr - chars));
  const std::size_t dot = text.find('.');
  int significant = 0;
  bool leading = true;
  for (const char c : text) {
    if (c < '0' || c > '9') continue;
    if (leading && c == '0') continue;
    leading = false;
    ++significant;
  }
  if (dot == std::string_view::npos) {
    // An integer below 2^53 is exact: %.17g prints it as is.
    if (text.size() > 16) return std::nullopt;
    chars[text.size()] = '.';
    chars[text.size() + 1] = '0';
    return std::string_view(chars, text.size() + 2);
  }
  const std::string_view fraction = text.substr(dot);
  if (significant > 9 || fraction.find("000000") != std::string_view::npos ||
      fraction.find("999999") != std::string_view::npos) {
    return std::nullopt;
  }
  return text;
}

// The text append_geojson_real appends, written into `buf`.
std::string_view real_text(double v, RealBuffer& buf) {
  if (const auto text = short_real_text(v, buf)) return *text;
  char* const chars = buf.chars.data();
  const auto format = [&](int precision) {
    const auto r =
        std::to_chars(chars, chars + kToCharsRoom, v, std::chars_format::general, precision);
    return std::string_view(chars, static_cast<std::size_t>(r.ptr - chars));
  };
  // Whether the text after the point holds a run that suggests a rounding artefact.
  const auto rounding_run = [](std::string_view text) {
    const std::size_t dot = text.find('.');
    if (dot == std::string_view::npos) return false;
    const std::string_view tail = text.substr(dot);
    return tail.find("999999") != std::string_view::npos ||
           tail.find("000000") != std::string_view::npos;
  };
  std::string_view text = format(17);
  if (rounding_run(text)) {
    bool found = false;
    for (int precision = 16; precision >= 14 && !found; --precision) {
      text = format(precision);
      found = text.find('.') != std::string_view::npos && !rounding_run(text);
    }
    if (!found) text = format(17);
  }
  if (text.find('.') == std::string_view::npos && text.find('e') == std::string_view::npos) {
    chars[text.size()] = '.';
    chars[text.size() + 1] = '0';
    return std::string_view(chars, text.size() + 2);
  }
  return text;
}

}  // namespace

void append_geojson_real(std::string& out, double v) {
  RealBuffer buf;
  out += real_text(v, buf);
}

std::string geojson_text(const Layer& layer, OutputFormat format, bool record_separator) {
  TextBlock features;
  append_features(features, layer, 0, layer.features.size(), format, record_separator,
                  property_keys(layer, format == OutputFormat::GeoJSONSeq));
  std::string text = layer_head(layer, format);
  text += features.view();
  text += layer_tail(format);
  return text;
}

std::int64_t write_geojson(const Layer& layer, OutputFormat format, bool record_separator,
                           AtomicFile& out, int threads) {
  const std::vector<PropertyKey> keys = property_keys(layer, format == OutputFormat::GeoJSONSeq);
  out.write(layer_head(layer, format));
  // Blocks of features are formatted on `threads` threads and written here in their order, so
  // the file is the same for any thread count.
  const std::size_t count = layer.features.size();
  std::size_t next = 0;
  std::int64_t written = 0;
  ordered_map(
      [&]() -> std::optional<std::size_t> {
        if (next >= count) return std::nullopt;
        const std::size_t begin = next;
        next = std::min(count, next + kChunkFeatures);
        return begin;
      },
      [&](std::size_t begin) {
        const std::size_t end = std::min(count, begin + kChunkFeatures);
        TextBlock text;
        // Room for typical features at once rather than by repeated doubling.
        text.reserve((end - begin) * (160 + 48 * keys.size()));
        append_features(text, layer, begin, end, format, record_separator, keys);
        return std::make_pair(end - begin, std::move(text));
      },
      [&](OrderedResult<std::size_t, std::pair<std::size_t, TextBlock>>&& block) {
        if (block.error) std::rethrow_exception(block.error);
        out.write(block.output->second.view());
        written += static_cast<std::int64_t>(block.output->first);
      },
      OrderedPoolOptions{std::max(1, threads), 0, nullptr});
  out.write(layer_tail(format));
  // The next layer's file is formatted while this one goes to disk.
  out.start_writeback();
  return written;
}

}  // namespace incidentmap
