#include "src/pipeline/geoparse_jsonl.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "src/text/utf8.h"

namespace incidentmap {

namespace {
double round_to(double v, double scale) { return std::round(v * scale) / scale; }
}  // namespace

std::string geoparse_to_jsonl(const Document& doc, const std::vector<ResolvedMention>& mentions,
                              const GeoparseJsonOptions& options) {
  using Json = nlohmann::ordered_json;
  std::vector<std::size_t> byte_offsets;
  byte_offsets.reserve(mentions.size() * 2);
  for (const ResolvedMention& m : mentions) {
    byte_offsets.push_back(m.mention.begin);
    byte_offsets.push_back(m.mention.end);
  }
  const std::vector<std::size_t> cp = utf8::to_codepoint_offsets(doc.text, byte_offsets);

  Json out;
  out["doc_id"] = doc.id;
  if (options.include_text) out["text"] = doc.text;
  Json toponyms = Json::array();
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const ResolvedMention& m = mentions[i];
    Json t;
    t["start"] = cp[2 * i];
    t["end"] = cp[2 * i + 1];
    t["phrase"] = m.mention.surface;
    if (m.place) {
      const gaz::PlaceView& p = *m.place;
      t["lat"] = round_to(p.position().lat_deg, 1e6);
      t["lon"] = round_to(p.position().lon_deg, 1e6);
      t["geonameid"] = p.geonameid();
      t["name"] = std::string(p.name());
      t["feature_code"] = std::string(p.feature_code());
      t["country_code"] = p.country_code().empty() ? Json(nullptr) : Json(std::string(p.country_code()));
      t["admin1"] = p.admin1_name().empty() ? Json(nullptr) : Json(std::string(p.admin1_name()));
    } else {
      for (const char* key : {"lat", "lon", "geonameid", "name", "feature_code", "country_code", "admin1"})
        t[key] = nullptr;
    }
    t["role"] = std::string(role_name(m.mention.role));
    t["confidence"] = round_to(m.confidence, 1e4);
    toponyms.push_back(std::move(t));
  }
  out["toponyms"] = std::move(toponyms);
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace incidentmap
