// Corpus measurements for the event extractor over /work/shared (skipped when it is absent):
//   1. trigger recall against the one VERB span of each event_location record;
//   2. fatality and date agreement with UCDP GED Mexico on its source headlines.
// The figures are printed; the assertions are loose floors that catch regressions.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "src/events/dates.h"
#include "src/events/event_extractor.h"
#include "src/events/numbers.h"
#include "src/events/triggers.h"
#include "src/text/utf8.h"

namespace incidentmap {
namespace {

// The environment variable INCIDENTMAP_SHARED_DIR overrides the compiled-in path (worktrees
// that do not sit beside shared/).
std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("INCIDENTMAP_SHARED_DIR"); env && *env) return env;
  return INCIDENTMAP_SHARED_DIR;
}

TEST(EventLocationCorpus, TriggerRecallOnGoldVerbs) {
  const auto path = shared_dir() / "dev/event_location/event_location_all.jsonl";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared corpus absent: " << path;
  std::ifstream in(path);
  std::string line;
  std::size_t records = 0, exact = 0, overlap = 0, sentences_with_trigger = 0;
  std::size_t noun_exact = 0, noun_overlap = 0;  // ignoring light verbs
  std::size_t extra_triggers = 0, all_triggers = 0;
  std::map<std::string, int> missed;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    const std::string text = j["text"];
    // Offsets are code points; convert the VERB span to bytes.
    std::size_t vb = 0, ve = 0;
    std::string verb;
    bool have = false;
    for (const auto& s : j["spans"]) {
      if (s["label"] != "VERB" || s.contains("flag")) continue;
      auto bytes =
          utf8::to_byte_offsets(text, {s["start"].get<std::size_t>(), s["end"].get<std::size_t>()});
      vb = bytes[0];
      ve = bytes[1];
      verb = s["text"];
      have = true;
    }
    if (!have) continue;
    ++records;
    const auto triggers = find_triggers(text);
    if (!triggers.empty()) ++sentences_with_trigger;
    all_triggers += triggers.size();
    // The annotation marks the light verb of an event noun ("erupted" in "clashes erupted"), so
    // a trigger hits when its span or its light verb does.
    bool hit_exact = false, hit_overlap = false, noun_hit_exact = false, noun_hit_overlap = false;
    for (const auto& t : triggers) {
      for (const auto& span : {std::optional<ByteSpan>(t.span), t.light_verb}) {
        if (!span) continue;
        const bool e = span->begin == vb && span->end == ve, o = span->overlaps({vb, ve});
        hit_exact = hit_exact || e;
        hit_overlap = hit_overlap || o;
        if (*span == t.span) {
          noun_hit_exact = noun_hit_exact || e;
          noun_hit_overlap = noun_hit_overlap || o;
        }
      }
    }
    exact += hit_exact;
    overlap += hit_overlap;
    noun_exact += noun_hit_exact;
    noun_overlap += noun_hit_overlap;
    extra_triggers += triggers.size() - (hit_overlap ? 1 : 0);
    if (!hit_overlap) {
      std::string v = verb;
      std::transform(v.begin(), v.end(), v.begin(),
                     [](unsigned char c) { return std::tolower(c); });
      ++missed[v];
    }
  }
  std::vector<std::pair<int, std::string>> top;
  for (const auto& [v, n] : missed) top.push_back({n, v});
  std::sort(top.rbegin(), top.rend());
  std::string top_text;
  for (std::size_t k = 0; k < top.size() && k < 25; ++k)
    top_text += top[k].second + " " + std::to_string(top[k].first) + ", ";
  std::printf(
      "event_location: %zu records; gold VERB hit exactly %zu (%.1f%%), overlapping %zu (%.1f%%);"
      " triggers per sentence %.2f (other than the gold one %.2f)\n"
      "  trigger spans alone, without light verbs: exactly %.1f%%, overlapping %.1f%%\n"
      "most missed: %s\n",
      records, exact, 100.0 * exact / records, overlap, 100.0 * overlap / records,
      static_cast<double>(all_triggers) / records, static_cast<double>(extra_triggers) / records,
      100.0 * noun_exact / records, 100.0 * noun_overlap / records, top_text.c_str());
  EXPECT_GT(overlap * 100, records * 80);
}

// Minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.
bool read_csv_row(std::istream& in, std::vector<std::string>& row) {
  row.clear();
  std::string field;
  bool quoted = false, any = false;
  char c;
  while (in.get(c)) {
    any = true;
    if (quoted) {
      if (c == '"') {
        if (in.peek() == '"') {
          field += '"';
          in.get(c);
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!any) return false;
  row.push_back(std::move(field));
  return true;
}

// UCDP splits one headline that reports several incidents into several events, so the count a
// headline gives is compared both with each event's `best` and with the sum of `best` over the
// events that cite the same headline on the same date.
TEST(UcdpMexicoCorpus, HeadlineFatalitiesAndDates) {
  const auto path = shared_dir() / "dev/ucdp_ged_mexico/ged_mexico_all.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared corpus absent: " << path;
  std::ifstream in(path);
  std::vector<std::string> header, row;
  ASSERT_TRUE(read_csv_row(in, header));
  auto col = [&](std::string_view name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const std::size_t c_headline = col("source_headline"), c_date = col("source_date"),
                    c_start = col("date_start"), c_end = col("date_end"), c_best = col("best");
  ASSERT_LT(c_best, header.size());
  struct Group {
    long best_sum = 0;
    int events = 0;
    CivilDate first{9999, 12, 31}, last{0, 1, 1};
  };
  std::map<std::pair<std::string, std::string>, Group> groups;
  std::size_t rows = 0;
  while (read_csv_row(in, row)) {
    if (row.size() != header.size()) continue;
    ++rows;
    // One article per event keeps the headline/date pairing unambiguous.
    const std::string& headline = row[c_headline];
    if (headline.empty() || headline.find(';') != std::string::npos) continue;
    const auto doc = parse_iso_date(row[c_date]);
    const auto start = parse_iso_date(row[c_start]), end = parse_iso_date(row[c_end]);
    if (!doc || !start || !end) continue;
    Group& g = groups[{headline, row[c_date]}];
    g.best_sum += std::stol(row[c_best]);
    ++g.events;
    g.first = std::min(g.first, *start);
    g.last = std::max(g.last, *end);
  }
  std::size_t with_count = 0, equal_sum = 0, single = 0, single_count = 0, single_equal = 0;
  std::size_t with_event = 0, dated = 0, dated_ok = 0, fallback = 0, fallback_ok = 0;
  for (const auto& [key, g] : groups) {
    const std::string text = utf8::repair(key.first);
    const auto doc = parse_iso_date(key.second);
    const auto f = find_fatalities(text);
    if (f) {
      ++with_count;
      if (f->best == g.best_sum) ++equal_sum;
    }
    if (g.events == 1) {
      ++single;
      if (f) {
        ++single_count;
        if (f->best == g.best_sum) ++single_equal;
      }
    }
    const auto events = extract_events(text, doc);
    if (events.empty()) continue;
    ++with_event;
    const EventMention& e = events.front();
    const bool overlaps = e.date_start && *e.date_start <= g.last && g.first <= *e.date_end;
    if (e.date_source == DateSource::kSentence) {
      ++dated;
      dated_ok += overlaps;
    } else if (e.date_source == DateSource::kDocument) {
      ++fallback;
      fallback_ok += overlaps;
    }
  }
  auto pct = [](std::size_t a, std::size_t b) { return b ? 100.0 * a / b : 0.0; };
  std::printf(
      "ucdp: %zu rows -> %zu (single-article headline, date) groups, %zu with one event.\n"
      "  fatality count found in %zu groups (%.1f%%); equal to the group's summed best in %zu "
      "(%.1f%% of found)\n"
      "  one-event groups: count found in %zu, equal to best in %zu (%.1f%%)\n"
      "  an event extracted in %zu groups (%.1f%%); first event dated from the headline in %zu, "
      "overlapping the events' [date_start, date_end] in %zu (%.1f%%); document-date fallback "
      "in %zu, overlapping in %zu (%.1f%%)\n",
      rows, groups.size(), single, with_count, pct(with_count, groups.size()), equal_sum,
      pct(equal_sum, with_count), single_count, single_equal, pct(single_equal, single_count),
      with_event, pct(with_event, groups.size()), dated, dated_ok, pct(dated_ok, dated), fallback,
      fallback_ok, pct(fallback_ok, fallback));
  EXPECT_GT(equal_sum * 100, with_count * 60);
}

}  // namespace
}  // namespace incidentmap
