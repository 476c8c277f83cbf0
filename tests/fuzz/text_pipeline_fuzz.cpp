// Fuzz target: the text pipeline, bytes -> document -> place mentions -> events -> records
// (src/pipeline, src/recognize, src/resolve, src/events, src/incidents). The input is a document
// text; when it starts with "YYYY-MM-DD\n" that line is the publication date (else 2024-03-15),
// so that date arithmetic near the ends of the calendar is reached too. Bytes are repaired as
// the readers repair them. The gazetteer is a small index compiled at start-up from the
// fixtures in tests/fixtures/gazetteer, or the index file named by $INCIDENTMAP_FUZZ_GAZETTEER
// (e.g. build/release/default.gaz, for more names).
//
// Checked: mentions lie within the text on UTF-8 boundaries, in order; every record serialises
// to JSON that the extract-record parser reads back.

#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "gazetteer/builder.h"
#include "src/incidents/event_record_json.h"
#include "src/pipeline/document_analysis.h"
#include "src/pipeline/geoparse_jsonl.h"
#include "src/text/utf8.h"
#include "tests/fuzz/fuzz_util.h"

using namespace incidentmap;

namespace {

struct Pipeline {
  std::string bytes;  // the compiled fixture index; empty when opened from a file
  std::unique_ptr<gaz::Index> index;
  std::unique_ptr<Geoparser> geoparser;
};

std::unique_ptr<gaz::Index> fixture_index(std::string& bytes) {
  gaz::IndexBuilder builder;
  const auto fixture = [](std::string_view name) {
    return fuzz::source_file("tests/fixtures/gazetteer/" + std::string(name));
  };
  builder.add_geonames_dump(fixture("dump.txt"));
  builder.add_geonames_dump(fixture("regions.txt"));
  builder.add_supplement(fixture("supplement.txt"));
  builder.add_country_info(fixture("countryInfo.txt"));
  builder.add_country_points(fixture("country_points.tsv"));
  builder.add_world_countries(fixture("world_countries.csv"));
  builder.add_admin1_codes(fixture("admin1.tsv"));
  builder.add_admin2_codes(fixture("admin2.txt"));
  builder.add_natural_earth_admin1(fixture("natural_earth_admin1.json"));
  bytes = builder.build_to_memory();
  // std::string storage is at least 16-byte aligned from the allocator.
  return std::make_unique<gaz::Index>(gaz::Index::from_memory(bytes.data(), bytes.size()));
}

const Pipeline& pipeline() {
  static const Pipeline* p = [] {
    auto* out = new Pipeline;
    const char* path = std::getenv("INCIDENTMAP_FUZZ_GAZETTEER");
    out->index = path != nullptr && *path != '\0'
                     ? std::make_unique<gaz::Index>(gaz::Index::open(path))
                     : fixture_index(out->bytes);
    out->geoparser = std::make_unique<Geoparser>(*out->index);
    return out;
  }();
  return *p;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  pipeline();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  Document doc;
  doc.id = "fuzz";
  doc.date = CivilDate{2024, 3, 15};
  if (input.size() >= 11 && input[10] == '\n') {
    if (const auto date = parse_iso_date(input.substr(0, 10))) {
      doc.date = date;
      input.remove_prefix(11);
    }
  }
  doc.text = utf8::repair(input);

  const Geoparser& geoparser = *pipeline().geoparser;
  const std::vector<ResolvedMention> mentions = geoparser.geoparse(doc.text);
  std::uint32_t previous = 0;
  for (const ResolvedMention& m : mentions) {
    FUZZ_CHECK(m.mention.begin < m.mention.end && m.mention.end <= doc.text.size());
    FUZZ_CHECK(m.mention.begin >= previous);
    FUZZ_CHECK(utf8::is_valid(
        std::string_view(doc.text).substr(m.mention.begin, m.mention.end - m.mention.begin)));
    previous = m.mention.begin;
  }
  const std::string line = geoparse_to_jsonl(doc, mentions);
  FUZZ_CHECK(nlohmann::json::accept(line));

  const DocumentRecords records = analyze_document(geoparser, doc);
  FUZZ_CHECK(records.mentions_found == mentions.size());
  for (const EventRecord& e : records.events) {
    const EventRecord back = event_record_from_json(event_record_to_json(e));
    FUZZ_CHECK(back.event_type == e.event_type && back.geonameid == e.geonameid);
  }
  for (const MentionRecord& m : records.mentions) {
    const ExtractRecord back = extract_record_from_json(mention_record_to_json(m));
    FUZZ_CHECK(std::holds_alternative<MentionRecord>(back.value));
  }
  return 0;
}
