#pragma once
// Test fixtures that mark one span of a sentence inline, "a [[span]] in text", so a table row
// reads as the sentence it tests.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace incidentmap::testing {

// A marked fixture split into the plain text and the marked span's byte offsets
// [begin, end) in that text.
struct MarkedText {
  std::string text;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// Removes the first "[[" and the first "]]" after it from `marked`. Throws std::invalid_argument
// when either is missing, so a malformed row fails its test instead of testing something else.
inline MarkedText parse_marked(const std::string& marked) {
  const std::size_t open = marked.find("[[");
  const std::size_t close = open == std::string::npos ? open : marked.find("]]", open + 2);
  if (close == std::string::npos) throw std::invalid_argument("no [[...]] in: " + marked);
  MarkedText out;
  out.text =
      marked.substr(0, open) + marked.substr(open + 2, close - open - 2) + marked.substr(close + 2);
  out.begin = static_cast<std::uint32_t>(open);
  out.end = static_cast<std::uint32_t>(close - 2);
  return out;
}

// A fixture with several spans marked, each between "[[" and "]]": the plain text and the
// spans' byte offsets [begin, end), in order. Throws std::invalid_argument on an unclosed mark.
struct MarkedSpans {
  std::string text;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
};

inline MarkedSpans parse_all_marked(const std::string& marked) {
  MarkedSpans out;
  std::size_t i = 0;
  for (std::size_t open; (open = marked.find("[[", i)) != std::string::npos;) {
    const std::size_t close = marked.find("]]", open + 2);
    if (close == std::string::npos) throw std::invalid_argument("unclosed [[ in: " + marked);
    out.text += marked.substr(i, open - i);
    const auto begin = static_cast<std::uint32_t>(out.text.size());
    out.text += marked.substr(open + 2, close - open - 2);
    out.spans.emplace_back(begin, static_cast<std::uint32_t>(out.text.size()));
    i = close + 2;
  }
  out.text += marked.substr(i);
  return out;
}

}  // namespace incidentmap::testing
