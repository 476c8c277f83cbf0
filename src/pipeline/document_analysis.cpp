#include "src/pipeline/document_analysis.h"

#include <algorithm>
#include <string>

#include "src/text/utf8.h"

namespace incidentmap {

namespace {

// The outlet's local place among `mentions` of `text` that start at or after byte `from` (where
// the outlet's name begins); see outlet_place.
bool is_of_word(std::string_view w) {
  return w == "de" || w == "del" || w == "of" || w == "do" || w == "da" || w == "di";
}

std::optional<ResolvedMention> local_place_in_name(std::vector<ResolvedMention>& mentions,
                                                   std::string_view text, std::size_t from) {
  // "El Sol de X", "The Courier of X": the name after "of" is where the outlet is, and the
  // words before it are the paper's title, whatever place they happen to match ("El Sol",
  // "El Sol del Bajío" with a region after "del": no town at all).
  for (std::size_t word = from; word < text.size();) {
    std::size_t end = text.find(' ', word);
    if (end == std::string_view::npos) end = text.size();
    if (word > from && is_of_word(text.substr(word, end - word))) {
      from = end;
      break;
    }
    word = end + 1;
  }
  std::optional<ResolvedMention> best;
  bool best_after_of = false;
  for (ResolvedMention& m : mentions) {
    if (m.mention.begin < from || !m.place ||
        (m.mention.role != MentionRole::kLiteral && m.mention.role != MentionRole::kModifier))
      continue;
    const char fclass = m.place->feature_class();
    const std::string_view code = m.place->feature_code();
    const bool local =
        fclass == 'P' || fclass == 'S' || (fclass == 'A' && (code == "ADM1" || code == "ADM2"));
    if (!local) continue;
    // "El Sol de X", "The Courier of X": the name after "of" is where the outlet is; another
    // word of the name may happen to match a place too ("Sol").
    std::size_t end = m.mention.begin;
    while (end > from && text[end - 1] == ' ') --end;
    std::size_t begin = end;
    while (begin > from && text[begin - 1] != ' ') --begin;
    const std::string_view before = text.substr(begin, end - begin);
    const bool after_of = is_of_word(before);
    if (!best || (after_of && !best_after_of) ||
        (after_of == best_after_of && m.confidence > best->confidence)) {
      best_after_of = after_of;
      best = std::move(m);
    }
  }
  return best;
}

// An outlet is published in a town, and bigger towns have more outlets: when nothing in the
// text says which of the namesakes the outlet's name means, the most populous town bearing the
// name, if it is a city (kCityPopulation), is a better guess than the resolver's context-free
// prior, which puts a provincial area or a smaller namesake abroad before a big city ("El Sol de X"
// for a city of a million people that shares its name with a province elsewhere). The text's own
// mentions of the name follow the outlet's. `mentions` are the text's, before the outlet's own.
void prefer_populous_outlet_town(const gaz::Index& index, ResolvedMention& outlet,
                                 std::vector<ResolvedMention>& mentions, std::string_view text) {
  if (!outlet.place) return;
  const gaz::PlaceView chosen = *outlet.place;
  // Another place of the text in the chosen place's country supports the resolver's choice.
  for (const ResolvedMention& m : mentions)
    if (m.place && m.mention.key != outlet.mention.key && m.mention.role == MentionRole::kLiteral &&
        m.place->country_code() == chosen.country_code() &&
        !names_part_of_city(text, m.mention.begin, m.mention.end))
      return;
  std::optional<gaz::PlaceView> town;
  for (const gaz::format::Posting& posting : index.find_folded(outlet.mention.key)) {
    if (static_cast<gaz::NameKind>(posting.kind) == gaz::NameKind::kDemonym) continue;
    const gaz::PlaceView p = index.place(posting.place);
    if (p.feature_class() != 'P' || !p.has_position()) continue;
    if (!town || p.population() > town->population() ||
        (p.population() == town->population() && p.geonameid() < town->geonameid()))
      town = p;
  }
  // A small town is no likelier home for a paper than the state or province of the name.
  constexpr std::int64_t kCityPopulation = 100000;
  if (!town || town->index() == chosen.index() || town->population() < kCityPopulation) return;
  if (chosen.feature_class() == 'P' && chosen.population() >= town->population()) return;
  outlet.place = town;
  for (ResolvedMention& m : mentions)
    if (m.place && m.place->index() == chosen.index() && m.mention.key == outlet.mention.key)
      m.place = town;
}

}  // namespace

std::optional<ResolvedMention> outlet_place(const Geoparser& geoparser, std::string_view source) {
  if (source.empty()) return std::nullopt;
  std::vector<ResolvedMention> mentions = geoparser.geoparse(source);
  return local_place_in_name(mentions, source, 0);
}

DocumentRecords analyze_document(const Geoparser& geoparser, const Document& doc,
                                 const DocumentEventsOptions& options) {
  DocumentRecords out;
  std::vector<ResolvedMention> mentions;
  std::optional<ResolvedMention> outlet;
  if (outlet_place(geoparser, doc.source)) {
    // An outlet named after a place is read as the text's last line: the text's places and the
    // outlet's resolve together ("Zamora" in a paper's name with Michoacán in its text; a
    // neighbourhood in the text near the paper's city rather than a namesake abroad).
    const std::string joined = doc.text + "\n\n" + doc.source;
    mentions = geoparser.geoparse(joined);
    const std::size_t from = doc.text.size() + 2;
    outlet = local_place_in_name(mentions, joined, from);
    mentions.erase(
        std::find_if(mentions.begin(), mentions.end(),
                     [&](const ResolvedMention& m) { return m.mention.end > doc.text.size(); }),
        mentions.end());
    if (outlet) prefer_populous_outlet_town(geoparser.index(), *outlet, mentions, doc.text);
  } else {
    mentions = geoparser.geoparse(doc.text);
  }
  DocumentEvents events =
      locate_document_events(doc, mentions, options, outlet ? &*outlet : nullptr);
  out.mentions_found = mentions.size();
  out.events_found = events.events_found;
  out.events_unplaced = events.events_unplaced;
  out.events = std::move(events.records);  // read below through out.events

  std::vector<std::size_t> byte_offsets;
  byte_offsets.reserve(2 * mentions.size());
  for (const ResolvedMention& m : mentions) {
    byte_offsets.push_back(m.mention.begin);
    byte_offsets.push_back(m.mention.end);
  }
  const std::vector<std::size_t> cp = utf8::to_codepoint_offsets(doc.text, byte_offsets);
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const ResolvedMention& m = mentions[i];
    // A name placed through a stand-in takes its point, with less confidence.
    const auto stand_in = std::find_if(events.stand_ins.begin(), events.stand_ins.end(),
                                       [&](const auto& s) { return s.first == i; });
    const bool stood_in = stand_in != events.stand_ins.end();
    if (!m.place && !stood_in) continue;
    const gaz::PlaceView& place = stood_in ? stand_in->second : *m.place;
    MentionRecord r;
    r.doc_id = doc.id;
    r.mention_index = static_cast<int>(i);
    r.char_start = static_cast<std::int64_t>(cp[2 * i]);
    r.char_end = static_cast<std::int64_t>(cp[2 * i + 1]);
    r.surface = m.mention.surface;
    r.role = std::string(role_name(m.mention.role));
    r.geonameid = place.geonameid();
    r.name = std::string(place.name());
    r.feature_code = std::string(place.feature_code());
    r.country_code = std::string(place.country_code());
    r.admin1 = std::string(place.admin1_name());
    r.position = place.position();
    r.confidence = stood_in ? 0.5 * m.confidence : m.confidence;
    for (std::size_t e = 0; e < out.events.size(); ++e)
      if (events.record_mention[e] == i) r.event_indexes.push_back(out.events[e].event_index);
    out.mentions.push_back(std::move(r));
  }
  return out;
}

}  // namespace incidentmap
