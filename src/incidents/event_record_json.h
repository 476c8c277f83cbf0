#pragma once
// The JSONL form of EventRecord that `extract` writes and `merge` reads: one object per line,
// keys always in the same order, coordinates rounded to 6 decimals (about 10 cm), dates ISO 8601,
// null for missing values. Reading checks every field's type and names the offending field.

#include <stdexcept>
#include <string>
#include <string_view>

#include "src/incidents/event_record.h"

namespace incidentmap {

// A line that is not a valid event record; the message names the field and what is wrong.
class RecordError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One line of JSON, without the newline.
std::string event_record_to_json(const EventRecord& record);

// Parses one line. Throws RecordError on malformed JSON, a missing required field (doc_id,
// event_index, event_type, lon, lat) or a field of the wrong type.
EventRecord event_record_from_json(std::string_view line);

}  // namespace incidentmap
