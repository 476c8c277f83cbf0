#include "src/eval/score.h"

#include <utf8proc.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "src/io/jsonl.h"

namespace incidentmap {

namespace {

constexpr double kWorstErrorKm = 20039.0;  // half the Earth's circumference: unresolved
constexpr double kAccuracyKm = 161.0;      // 100 miles
constexpr double kMaxMidpointDistance = 10.0;
// Gold lines carry whole articles; this only guards against unbounded memory.
constexpr std::size_t kMaxLineBytes = std::size_t{1} << 30;

bool is_cased(utf8proc_int32_t c) {
  const auto category = utf8proc_category(c);
  return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LL ||
         category == UTF8PROC_CATEGORY_LT || utf8proc_tolower(c) != c || utf8proc_toupper(c) != c;
}

// Unicode's Case_Ignorable: marks, format controls, modifier letters and symbols, and the
// word-internal punctuation of Word_Break MidLetter, MidNumLet and Single_Quote.
bool is_case_ignorable(utf8proc_int32_t c) {
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_SK:
      return true;
    default:
      break;
  }
  switch (c) {
    case 0x0027:
    case 0x002E:
    case 0x003A:
    case 0x00B7:
    case 0x0387:
    case 0x055F:
    case 0x05F4:
    case 0x2018:
    case 0x2019:
    case 0x2024:
    case 0x2027:
    case 0xFE13:
    case 0xFE52:
    case 0xFE55:
    case 0xFF07:
    case 0xFF0E:
    case 0xFF1A:
      return true;
    default:
      return false;
  }
}

void append_code_point(std::string& out, utf8proc_int32_t c) {
  utf8proc_uint8_t buf[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(c, buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

[[noreturn]] void bad_field(const std::string& what) { throw std::invalid_argument(what); }

double number_field(const nlohmann::json& t, const char* key) {
  const auto it = t.find(key);
  if (it == t.end()) bad_field(std::string("no ") + key);
  if (!it->is_number()) bad_field(std::string(key) + " is " + it->type_name() + ", not a number");
  return it->get<double>();
}

// score.py's has_coords(): both keys present and not null.
std::optional<geo::LonLat> coords_field(const nlohmann::json& t) {
  const auto lat = t.find("lat");
  const auto lon = t.find("lon");
  if (lat == t.end() || lon == t.end() || lat->is_null() || lon->is_null()) return std::nullopt;
  return geo::LonLat{number_field(t, "lon"), number_field(t, "lat")};
}

ScoreToponym toponym_from_json(const nlohmann::json& t) {
  if (!t.is_object()) bad_field(std::string("toponym is ") + t.type_name() + ", not an object");
  ScoreToponym out;
  out.start = number_field(t, "start");
  out.end = number_field(t, "end");
  if (const auto it = t.find("phrase"); it != t.end()) {
    if (!it->is_string()) bad_field(std::string("phrase is ") + it->type_name() + ", not a string");
    out.phrase = it->get<std::string>();
  }
  out.coords = coords_field(t);
  return out;
}

std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

}  // namespace

bool ScoreCorpus::put(std::string doc_id, std::vector<ScoreToponym> toponyms) {
  const auto [it, inserted] = index.try_emplace(doc_id, documents.size());
  if (inserted) {
    documents.emplace_back(std::move(doc_id), std::move(toponyms));
  } else {
    documents[it->second].second = std::move(toponyms);
  }
  return inserted;
}

const std::vector<ScoreToponym>* ScoreCorpus::find(const std::string& doc_id) const {
  const auto it = index.find(doc_id);
  return it == index.end() ? nullptr : &documents[it->second].second;
}

ScoreCorpus load_score_corpus(const std::string& path, InputReport& report) {
  ScoreCorpus corpus;
  JsonlReader reader(path, kMaxLineBytes);
  ++report.inputs_opened;
  const auto skip_line = [&](std::int64_t line, const std::string& id, std::string reason) {
    ++report.documents_skipped;
    report.add({path, line, id, IssueSeverity::kSkipped, std::move(reason)});
  };
  JsonlLine line;
  while (reader.next(line)) {
    if (!line.error.empty()) {
      skip_line(line.line, "", line.error);
      continue;
    }
    const nlohmann::json& d = line.value;
    if (!d.is_object()) {
      skip_line(line.line, "", std::string("not a JSON object but ") + d.type_name());
      continue;
    }
    auto id_it = d.find("doc_id");
    if (id_it == d.end()) id_it = d.find("id");
    const std::optional<std::string> id = id_it == d.end() ? std::nullopt : json_id_string(*id_it);
    if (!id) {
      skip_line(line.line, "", "no doc_id (a string or number)");
      continue;
    }
    std::vector<ScoreToponym> toponyms;
    if (const auto it = d.find("toponyms"); it != d.end() && !it->is_null()) {
      if (!it->is_array()) {
        skip_line(line.line, *id, std::string("toponyms is ") + it->type_name() + ", not an array");
        continue;
      }
      for (std::size_t k = 0; k < it->size(); ++k) {
        try {
          toponyms.push_back(toponym_from_json((*it)[k]));
        } catch (const std::exception& e) {
          ++report.records_skipped;
          report.add({path, line.line, *id, IssueSeverity::kSkipped,
                      "toponym " + std::to_string(k) + ": " + e.what()});
        }
      }
    }
    if (!corpus.put(*id, std::move(toponyms))) {
      report.add({path, line.line, *id, IssueSeverity::kWarning,
                  "doc_id repeated; this line replaces the earlier one (as score.py does)"});
    }
    ++report.documents_read;
  }
  report.bytes_read += reader.stream().bytes_read();
  return corpus;
}

EvalScores score_geoparse(const ScoreCorpus& gold, const ScoreCorpus& pred,
                          const ScoreOptions& options) {
  EvalScores out;
  out.resolution_only = options.resolution_only;
  out.docs = static_cast<std::int64_t>(gold.documents.size());
  std::vector<double>& errors = out.errors_km;
  const std::vector<ScoreToponym> none;
  for (const auto& [doc_id, gold_toponyms] : gold.documents) {
    const std::vector<ScoreToponym>* found = pred.find(doc_id);
    const std::vector<ScoreToponym>& predicted = found != nullptr ? *found : none;
    std::vector<std::string> predicted_lower;
    predicted_lower.reserve(predicted.size());
    for (const ScoreToponym& p : predicted) predicted_lower.push_back(python_lower(p.phrase));
    std::vector<bool> used(predicted.size(), false);
    for (const ScoreToponym& t : gold_toponyms) {
      if (options.coords_only && !t.coords) continue;
      const double gold_mid = (t.start + t.end) / 2;
      const std::string gold_lower = python_lower(t.phrase);
      std::size_t hit = predicted.size();
      for (std::size_t j = 0; j < predicted.size(); ++j) {
        const double mid = (predicted[j].start + predicted[j].end) / 2;
        if (!used[j] && std::abs(gold_mid - mid) < kMaxMidpointDistance &&
            predicted_lower[j] == gold_lower) {
          hit = j;
          break;
        }
      }
      if (hit == predicted.size()) {
        ++out.fn;
        continue;
      }
      used[hit] = true;
      ++out.tp;
      if (!t.coords) continue;
      const ScoreToponym& p = predicted[hit];
      // Argument order as score.py's haversine(pred, gold).
      errors.push_back(p.coords ? geo::haversine_distance_km(*p.coords, *t.coords) : kWorstErrorKm);
    }
    if (!options.resolution_only) {
      out.fp += static_cast<std::int64_t>(std::count(used.begin(), used.end(), false));
    }
  }
  const auto ratio = [](std::int64_t a, std::int64_t b) {
    return b != 0 ? static_cast<double>(a) / static_cast<double>(b) : 0.0;
  };
  out.recall = ratio(out.tp, out.tp + out.fn);
  if (!options.resolution_only) {
    out.precision = ratio(out.tp, out.tp + out.fp);
    out.f1 = out.tp != 0 ? 2 * out.precision * out.recall / (out.precision + out.recall) : 0.0;
  }
  if (errors.empty()) return out;

  std::sort(errors.begin(), errors.end());
  const std::size_t n = errors.size();
  out.n_geocoded = static_cast<std::int64_t>(n);
  const double log_max = std::log(kWorstErrorKm);
  if (n == 1) {
    out.auc = std::log(1 + errors[0]) / log_max;
  } else {
    double inner = 0;  // Python's sum(): left to right, no compensation (Python 3.11)
    for (std::size_t k = 1; k + 1 < n; ++k) inner += std::log(1 + errors[k]);
    out.auc = (0.5 * (std::log(1 + errors[0]) + std::log(1 + errors[n - 1])) + inner) / log_max /
              static_cast<double>(n - 1);
  }
  const auto within =
      std::count_if(errors.begin(), errors.end(), [](double x) { return x < kAccuracyKm; });
  out.acc161 = ratio(within, out.n_geocoded);
  out.mean_km = exact_sum(errors) / static_cast<double>(n);
  out.median_km = n % 2 == 1 ? errors[n / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2;
  return out;
}

std::string scores_json(const EvalScores& s) {
  const auto r4 = [](double v) { return format_json_number(python_round(v, 4)); };
  std::string out = "{\"docs\": " + std::to_string(s.docs) + ", \"tp\": " + std::to_string(s.tp) +
                    ", \"fp\": " + std::to_string(s.fp) + ", \"fn\": " + std::to_string(s.fn);
  if (s.resolution_only) {
    out += ", \"recall\": " + format_json_number(s.recall);
  } else {
    out += ", \"precision\": " + r4(s.precision) + ", \"recall\": " + r4(s.recall) +
           ", \"f1\": " + (s.tp != 0 ? r4(s.f1) : std::string("0.0"));
  }
  if (s.n_geocoded > 0) {
    out += ", \"n_geocoded\": " + std::to_string(s.n_geocoded) + ", \"acc161\": " + r4(s.acc161) +
           ", \"mean_km\": " + format_json_number(python_round(s.mean_km, 1)) +
           ", \"median_km\": " + format_json_number(python_round(s.median_km, 1)) +
           ", \"auc\": " + r4(s.auc);
  }
  return out + "}";
}

std::string scores_table(const EvalScores& s) {
  std::string out;
  const auto row = [&out](const std::string& label, const std::string& value) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "%-18s%12s\n", label.c_str(), value.c_str());
    out += buf;
  };
  const auto r4 = [](double v) { return fixed(python_round(v, 4), 4); };
  row("documents", std::to_string(s.docs));
  row("gold toponyms", std::to_string(s.tp + s.fn));
  row("true positives", std::to_string(s.tp));
  if (!s.resolution_only) row("false positives", std::to_string(s.fp));
  row("false negatives", std::to_string(s.fn));
  if (!s.resolution_only) row("precision", r4(s.precision));
  row("recall", r4(s.recall));
  if (!s.resolution_only) row("F1", r4(s.f1));
  if (s.n_geocoded > 0) {
    row("geocoded", std::to_string(s.n_geocoded));
    row("Acc@161km", r4(s.acc161));
    row("mean error km", fixed(python_round(s.mean_km, 1), 1));
    row("median error km", fixed(python_round(s.median_km, 1), 1));
    row("AUC", r4(s.auc));
  } else {
    row("geocoded", "0");
  }
  return out;
}

double python_round(double value, int digits) {
  if (!std::isfinite(value)) return value;
  // glibc's printf rounds the exact binary value correctly, ties to even, as Python's
  // round() (dtoa mode 3) does; strtod then gives the nearest double, as Python's does.
  char buf[512];
  std::snprintf(buf, sizeof buf, "%.*f", digits, value);
  return std::strtod(buf, nullptr);
}

std::string python_lower(std::string_view utf8_text) {
  // Decoded first, since final sigma looks at both neighbours; invalid bytes kept as -1 - byte.
  std::vector<utf8proc_int32_t> cps;
  cps.reserve(utf8_text.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(utf8_text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(utf8_text.size());
  while (left > 0) {
    utf8proc_int32_t c = -1;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
    if (n <= 0) {
      c = -1 - static_cast<utf8proc_int32_t>(*p);
      n = 1;
    }
    cps.push_back(c);
    p += n;
    left -= n;
  }
  std::string out;
  out.reserve(utf8_text.size());
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const utf8proc_int32_t c = cps[i];
    if (c < 0) {
      out += static_cast<char>(-1 - c);
    } else if (c == 0x0130) {
      out += "i\xCC\x87";
    } else if (c == 0x03A3) {
      // Final_Sigma: a cased letter before (skipping case-ignorables), none after.
      std::size_t j = i;
      while (j > 0 && cps[j - 1] >= 0 && is_case_ignorable(cps[j - 1])) --j;
      bool final_sigma = j > 0 && cps[j - 1] >= 0 && is_cased(cps[j - 1]);
      if (final_sigma) {
        std::size_t k = i + 1;
        while (k < cps.size() && cps[k] >= 0 && is_case_ignorable(cps[k])) ++k;
        final_sigma = k == cps.size() || cps[k] < 0 || !is_cased(cps[k]);
      }
      append_code_point(out, final_sigma ? 0x03C2 : 0x03C3);
    } else {
      append_code_point(out, utf8proc_tolower(c));
    }
  }
  return out;
}

double exact_sum(const std::vector<double>& values) {
  // Shewchuk's partials, as CPython's math_fsum (finite inputs).
  std::vector<double> partials;
  for (double x : values) {
    std::size_t i = 0;
    for (std::size_t j = 0; j < partials.size(); ++j) {
      double y = partials[j];
      if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
      const double hi = x + y;
      const double lo = y - (hi - x);
      if (lo != 0.0) partials[i++] = lo;
      x = hi;
    }
    partials.resize(i);
    if (x != 0.0) partials.push_back(x);
  }
  double hi = 0.0;
  std::size_t n = partials.size();
  if (n > 0) {
    hi = partials[--n];
    double lo = 0.0;
    while (n > 0) {
      const double x = hi;
      const double y = partials[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo != 0.0) break;
    }
    // Half-even rounding across partials, as CPython does.
    if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
      const double y = lo * 2.0;
      const double x = hi + y;
      if (y == x - hi) hi = x;
    }
  }
  return hi;
}

}  // namespace incidentmap
