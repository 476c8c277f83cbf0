#pragma once
// UTF-8 validation, repair and offset conversion. Internally the pipeline works on byte
// offsets into valid UTF-8; outputs use Unicode code point offsets (as Python indexes strings).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::utf8 {

struct RepairStats {
  std::size_t invalid_sequences = 0;  // each replaced by U+FFFD
  std::size_t nul_bytes = 0;          // each replaced by a space
};

// Returns `in` with every invalid or overlong sequence, surrogate or code point above
// U+10FFFF replaced by U+FFFD (one per maximal invalid subpart, as the Unicode standard
// recommends) and NUL bytes replaced by spaces. Valid input comes back unchanged.
std::string repair(std::string_view in, RepairStats* stats = nullptr);

// True when `in` is valid UTF-8 with no NUL byte.
bool is_valid(std::string_view in);

// The length (1-4) of the valid UTF-8 sequence at p[0], of at most `avail` bytes, or 0 when the
// bytes there are not one (stray continuation byte, overlong form, surrogate, above U+10FFFF,
// cut short). A NUL byte is a valid sequence of length 1. Precondition: avail >= 1.
std::size_t valid_sequence_length(const char* p, std::size_t avail);

// Decodes the code point at byte offset `pos` of valid UTF-8 and advances `pos` past it.
// Precondition: pos < text.size() and text is valid UTF-8.
char32_t decode(std::string_view text, std::size_t& pos);

// Appends the UTF-8 encoding of `cp` (must be a valid scalar value).
void append(std::string& out, char32_t cp);

// Number of code points in valid UTF-8.
std::size_t length(std::string_view text);

// Converts byte offsets (each at a code point boundary, in any order) of `text` into code point
// offsets. O(text size + n log n).
std::vector<std::size_t> to_codepoint_offsets(std::string_view text,
                                              const std::vector<std::size_t>& byte_offsets);

// Converts code point offsets into byte offsets; offsets past the end map to text.size().
std::vector<std::size_t> to_byte_offsets(std::string_view text,
                                         const std::vector<std::size_t>& codepoint_offsets);

}  // namespace incidentmap::utf8
