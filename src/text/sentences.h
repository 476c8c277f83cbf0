#pragma once
// Sentence splitting for news text. Works on byte offsets into valid UTF-8 and is one linear
// pass (plus one linear pre-scan for hard-wrapped text), so it can run over whole corpora.
//
// Boundaries are placed after '.', '!', '?' or U+2026 (followed by any closing quotes or
// brackets) when whitespace and then a character that can start a sentence (not a lowercase
// letter) follow, and at paragraph breaks (a blank line). A full stop is not a boundary after:
//   - a title (Mr., Mrs., Ms., Dr., Gen., Sen., Rep., Gov., Lt., Col., Capt., Sgt., Maj., Prof.,
//     Rev., St., Mt., Ft., Jr., Sr., Adm., Cmdr., Pres., Gens., ...), always;
//   - a month abbreviation (Jan., Feb., Aug., Sept., Oct., ...) or "No." when a digit follows;
//   - a single capital initial ("George W. Bush");
//   - a dotted acronym (U.S., U.N., a.m.) unless the next word is a function word that typically
//     starts a sentence ("The", "He", "But", ...): "the U.S. President" stays whole, "in the U.S.
//     The army" splits.
// A single line break ends a sentence (headlines and list lines carry no final punctuation)
// unless the text is hard-wrapped (most lines inside paragraphs end mid-sentence), in which case
// single line breaks are treated as spaces. A line that is only a dateline never ends a sentence.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace incidentmap {

// A half-open byte range [begin, end) into some text.
struct ByteSpan {
  std::size_t begin = 0;
  std::size_t end = 0;

  std::size_t size() const { return end - begin; }
  bool contains(const ByteSpan& o) const { return begin <= o.begin && o.end <= end; }
  bool overlaps(const ByteSpan& o) const { return begin < o.end && o.begin < end; }
  friend bool operator==(const ByteSpan&, const ByteSpan&) = default;
};

struct SentenceSplit {
  // Sentences in text order, without leading or trailing whitespace; never empty.
  std::vector<ByteSpan> sentences;
  // When the text (after leading whitespace) begins with a dateline such as
  // "CULIACAN, Mexico (Reuters) — ", the byte offset just after the dash and the spaces that
  // follow it; the dateline stays inside the first sentence.
  std::optional<std::size_t> dateline_end;
};

// Splits `text` (valid UTF-8; invalid bytes are treated as non-letters) into sentences.
// O(text size). Empty or whitespace-only text gives no sentences.
SentenceSplit split_sentences(std::string_view text);

// When a dateline starts at byte `pos` of `text`, the offset just after its dash and trailing
// spaces. A dateline is: a place written in capitals (at least two letters, words of capitals,
// spaces, hyphens, full stops and apostrophes), optionally ", Region" parts (up to three, each
// up to six words starting with a capital or digit, e.g. ", Mexico" or ", Oct 17"), optionally
// "(Outlet)" of at most 40 bytes, then a dash (— – - or --) followed by whitespace.
std::optional<std::size_t> find_dateline_end(std::string_view text, std::size_t pos = 0);

}  // namespace incidentmap
