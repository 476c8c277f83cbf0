#include "src/output/geojson_writer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <exception>
#include <optional>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "src/batch/ordered_pool.h"
#include "src/io/json_text.h"

namespace incidentmap {

namespace {

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

// "\"YYYY-MM-DD\"" as format_iso_date writes it, without its snprintf. Precondition: a valid
// date (validate_layer), so year in [0, 9999].
void append_quoted_date(std::string& out, const CivilDate& d) {
  char buf[12] = {'"', '0', '0', '0', '0', '-', '0', '0', '-', '0', '0', '"'};
  const auto put = [&](int value, int last, int width) {
    for (int i = 0; i < width; ++i, value /= 10)
      buf[last - i] = static_cast<char>('0' + value % 10);
  };
  put(d.year, 4, 4);
  put(d.month, 7, 2);
  put(d.day, 10, 2);
  out.append(buf, sizeof buf);
}

void append_value(std::string& out, const FieldValue& value, bool escape_slash) {
  struct Visitor {
    std::string& out;
    bool escape_slash;
    void operator()(std::monostate) const { out += "null"; }
    void operator()(std::int64_t v) const { append_json_number(out, v); }
    void operator()(double v) const { append_geojson_real(out, v); }
    void operator()(const std::string& v) const {
      // As the GDAL path: "" is written as null in every format.
      if (v.empty()) {
        out += "null";
      } else {
        append_string(out, v, escape_slash, true);
      }
    }
    void operator()(const CivilDate& d) const { append_quoted_date(out, d); }
    void operator()(const UtcDateTime& t) const {
      out += '"';
      out += format_iso_datetime(t);
      out += '"';
    }
    void operator()(bool v) const { out += v ? "true" : "false"; }
    void operator()(const std::vector<std::string>& list) const {
      out += "[ ";
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (i > 0) out += ", ";
        append_string(out, list[i], escape_slash, true);
      }
      out += list.empty() ? "]" : " ]";
    }
  };
  std::visit(Visitor{out, escape_slash}, value);
}

// Member names of the properties object, quoted, with the separators json-c writes.
std::vector<std::string> property_keys(const Layer& layer, bool escape_slash) {
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < layer.fields.size(); ++i) {
    std::string key = i == 0 ? " " : ", ";
    append_string(key, layer.fields[i].name, escape_slash, true);
    key += ": ";
    keys.push_back(std::move(key));
  }
  return keys;
}

void append_feature(std::string& out, const Feature& feature, const std::vector<std::string>& keys,
                    bool escape_slash) {
  out += "{ \"type\": \"Feature\", \"id\": ";
  append_json_number(out, feature.id);
  out += ", \"properties\": {";
  for (std::size_t i = 0; i < keys.size(); ++i) {
    out += keys[i];
    append_value(out, feature.values[i], escape_slash);
  }
  out += " }, \"geometry\": ";
  if (feature.point) {
    out += "{ \"type\": \"Point\", \"coordinates\": [ ";
    append_geojson_coordinate(out, feature.point->lon_deg);
    out += ", ";
    append_geojson_coordinate(out, feature.point->lat_deg);
    out += " ] } }";
  } else {
    out += "null }";
  }
}

// Features per block of text formatted at once: about 0.8 MB of mentions, so that the blocks in
// flight between the formatting threads and the writer stay small.
constexpr std::size_t kChunkFeatures = 2048;

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
void append_features(std::string& out, const Layer& layer, std::size_t begin, std::size_t end,
                     OutputFormat format, bool record_separator,
                     const std::vector<std::string>& keys) {
  const bool sequence = format == OutputFormat::GeoJSONSeq;
  for (std::size_t i = begin; i < end; ++i) {
    if (sequence) {
      if (record_separator) out += '\x1e';
    } else if (i > 0) {
      out += ",\n";
    }
    append_feature(out, layer.features[i], keys, sequence);
    if (sequence) out += '\n';
  }
}

}  // namespace

bool writes_geojson_directly(OutputFormat format) {
  return format == OutputFormat::GeoJSON || format == OutputFormat::GeoJSONSeq;
}

void append_geojson_coordinate(std::string& out, double deg) {
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
  NumberBuffer buf;
  out += format_positional_decimal(
      {std::signbit(rounded),
       static_cast<std::uint64_t>(whole) * 1000000 + static_cast<std::uint64_t>(fraction), 6},
      buf);
}

namespace {

// The common case of append_geojson_real without its up to four printf-style conversions: a
// value whose shortest round-trip form S has at most 9 significant digits, none of them a run
// of six 0s or 9s, in [1e-4, 1e13). Either v is S exactly, and %.17g prints S; or %.17g prints
// S perturbed by less than 23 units in the 17th digit (v is within an ulp of S), so digits 10-15
// are all 0s or all 9s, a run; then %.16g or, failing that, %.15g rounds back to S. Either way
// GDAL prints S. Returns false (and appends nothing) for every other value.
bool append_short_real(std::string& out, double v) {
  const double magnitude = std::fabs(v);
  if (!(magnitude >= 1e-4 && magnitude < 1e13)) return false;
  // Rounded values (confidences, coordinates) have their shortest digits from short_decimal;
  // they are what std::to_chars would print, without the ".0" it leaves off integers.
  if (const auto d = short_decimal(v, 6)) {
    NumberBuffer digits;
    const std::string_view text = format_positional_decimal(*d, digits);
    // An integer ("123.0"): printed as to_chars' "123" plus ".0", with no digit limit.
    if (text.ends_with(".0")) {
      out += text;
      return true;
    }
    // The fraction has at most 6 digits and ends in a nonzero one: no run of six 0s.
    int significant = 0;
    for (const char c : text) {
      if (c < '0' || c > '9' || (significant == 0 && c == '0')) continue;
      ++significant;
    }
    if (significant > 9 || text.substr(text.find('.')).find("999999") != std::string_view::npos) {
      return false;
    }
    out += text;
    return true;
  }
  std::array<char, 64> buf;
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed);
  const std::string_view text(buf.data(), static_cast<std::size_t>(r.ptr - buf.data()));
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
    if (text.size() > 16) return false;
    out += text;
    out += ".0";
    return true;
  }
  const std::string_view fraction = text.substr(dot);
  if (significant > 9 || fraction.find("000000") != std::string_view::npos ||
      fraction.find("999999") != std::string_view::npos) {
    return false;
  }
  out += text;
  return true;
}

}  // namespace

void append_geojson_real(std::string& out, double v) {
  if (append_short_real(out, v)) return;
  std::array<char, 64> buf;
  const auto format = [&](int precision) {
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::general,
                                 precision);
    return std::string_view(buf.data(), static_cast<std::size_t>(r.ptr - buf.data()));
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
  out += text;
  if (text.find('.') == std::string_view::npos && text.find('e') == std::string_view::npos) {
    out += ".0";
  }
}

std::string geojson_text(const Layer& layer, OutputFormat format, bool record_separator) {
  std::string text = layer_head(layer, format);
  append_features(text, layer, 0, layer.features.size(), format, record_separator,
                  property_keys(layer, format == OutputFormat::GeoJSONSeq));
  text += layer_tail(format);
  return text;
}

std::int64_t write_geojson(const Layer& layer, OutputFormat format, bool record_separator,
                           AtomicFile& out, int threads) {
  const std::vector<std::string> keys = property_keys(layer, format == OutputFormat::GeoJSONSeq);
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
        std::string text;
        // Room for typical features at once rather than by repeated doubling.
        text.reserve((end - begin) * (160 + 48 * keys.size()));
        append_features(text, layer, begin, end, format, record_separator, keys);
        return std::make_pair(end - begin, std::move(text));
      },
      [&](OrderedResult<std::size_t, std::pair<std::size_t, std::string>>&& block) {
        if (block.error) std::rethrow_exception(block.error);
        out.write(block.output->second);
        written += static_cast<std::int64_t>(block.output->first);
      },
      OrderedPoolOptions{std::max(1, threads), 0, nullptr});
  out.write(layer_tail(format));
  // The next layer's file is formatted while this one goes to disk.
  out.start_writeback();
  return written;
}

}  // namespace incidentmap
