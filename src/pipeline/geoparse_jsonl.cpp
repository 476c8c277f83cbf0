#include "src/pipeline/geoparse_jsonl.h"

#include <cmath>

#include "src/io/json_text.h"
#include "src/text/utf8.h"

namespace incidentmap {

namespace {
double round_to(double v, double scale) { return std::round(v * scale) / scale; }
}  // namespace

std::string geoparse_to_jsonl(const Document& doc, const std::vector<ResolvedMention>& mentions,
                              const GeoparseJsonOptions& options) {
  std::vector<std::size_t> byte_offsets;
  byte_offsets.reserve(mentions.size() * 2);
  for (const ResolvedMention& m : mentions) {
    byte_offsets.push_back(m.mention.begin);
    byte_offsets.push_back(m.mention.end);
  }
  const std::vector<std::size_t> cp = utf8::to_codepoint_offsets(doc.text, byte_offsets);

  // Written directly, in nlohmann's compact form (src/io/json_text.h): building a DOM per
  // document cost as much as resolving its places.
  std::string out;
  out.reserve(64 + (options.include_text ? doc.text.size() + doc.text.size() / 16 : 0) +
              mentions.size() * 256);
  out += "{\"doc_id\":";
  append_json_string(out, doc.id);
  if (options.include_text) {
    out += ",\"text\":";
    append_json_string(out, doc.text);
  }
  out += ",\"toponyms\":[";
  bool first = true;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const ResolvedMention& m = mentions[i];
    if (!options.include_demonyms && m.mention.role == MentionRole::kDemonym) continue;
    if (!first) out += ',';
    first = false;
    out += "{\"start\":";
    append_json_number(out, static_cast<std::int64_t>(cp[2 * i]));
    out += ",\"end\":";
    append_json_number(out, static_cast<std::int64_t>(cp[2 * i + 1]));
    out += ",\"phrase\":";
    append_json_string(out, m.mention.surface);
    if (m.place) {
      const gaz::PlaceView& p = *m.place;
      out += ",\"lat\":";
      append_json_number(out, round_to(p.position().lat_deg, 1e6));
      out += ",\"lon\":";
      append_json_number(out, round_to(p.position().lon_deg, 1e6));
      out += ",\"geonameid\":";
      append_json_number(out, p.geonameid());
      out += ",\"name\":";
      append_json_string(out, p.name());
      out += ",\"feature_code\":";
      append_json_string(out, p.feature_code());
      out += ",\"country_code\":";
      if (p.country_code().empty())
        out += "null";
      else
        append_json_string(out, p.country_code());
      out += ",\"admin1\":";
      if (p.admin1_name().empty())
        out += "null";
      else
        append_json_string(out, p.admin1_name());
    } else {
      out +=
          ",\"lat\":null,\"lon\":null,\"geonameid\":null,\"name\":null,"
          "\"feature_code\":null,\"country_code\":null,\"admin1\":null";
    }
    out += ",\"role\":";
    append_json_string(out, role_name(m.mention.role));
    out += ",\"confidence\":";
    append_json_number(out, round_to(m.confidence, 1e4));
    out += '}';
  }
  out += "]}";
  return out;
}

}  // namespace incidentmap
