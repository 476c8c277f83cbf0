#include "src/text/utf8.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <numeric>

#include "src/text/byte_scan.h"

namespace incidentmap::utf8 {

namespace {
// Length of the valid sequence starting at `p` (1-4), or 0 when invalid; `bad_len` receives
// the length of the maximal invalid subpart to skip.
std::size_t valid_sequence_length(const unsigned char* p, std::size_t avail, std::size_t& bad_len) {
  const unsigned char c = p[0];
  bad_len = 1;
  if (c < 0x80) return 1;
  std::size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;  // not above U+10FFFF
  } else {
    return 0;
  }
  for (std::size_t i = 1; i < need; ++i) {
    if (i >= avail) {
      bad_len = i;
      return 0;
    }
    const unsigned char lo_i = i == 1 ? lo : 0x80;
    const unsigned char hi_i = i == 1 ? hi : 0xBF;
    if (p[i] < lo_i || p[i] > hi_i) {
      bad_len = i;
      return 0;
    }
  }
  return need;
}
}  // namespace

std::string repair(std::string_view in, RepairStats* stats) {
  RepairStats local;
  std::string out;
  out.reserve(in.size());
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  std::size_t i = 0;
  while (i < in.size()) {
    std::size_t bad_len = 1;
    const std::size_t n = valid_sequence_length(p + i, in.size() - i, bad_len);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++local.invalid_sequences;
      i += bad_len;
    } else if (n == 1 && p[i] == 0) {
      out += ' ';
      ++local.nul_bytes;
      ++i;
    } else {
      out.append(in.data() + i, n);
      i += n;
    }
  }
  if (stats) *stats = local;
  return out;
}

bool is_valid(std::string_view in) {
  const char* p = in.data();
  const char* const end = p + in.size();
  while (p < end) {
    // News text is mostly ASCII: runs without a high bit and without a NUL are skipped 16
    // bytes at a time.
    p = bytes::find_nul_or_non_ascii(p, end);
    if (p == end) break;
    const std::size_t n = valid_sequence_length(p, static_cast<std::size_t>(end - p));
    if (n <= 1) return false;  // invalid, or the NUL byte
    p += n;
  }
  return true;
}

std::size_t valid_sequence_length(const char* p, std::size_t avail) {
  std::size_t bad_len = 1;
  return valid_sequence_length(reinterpret_cast<const unsigned char*>(p), avail, bad_len);
}

char32_t decode(std::string_view text, std::size_t& pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  const unsigned char c = p[0];
  if (c < 0x80) {
    pos += 1;
    return c;
  }
  if (c < 0xE0) {
    pos += 2;
    return (char32_t(c & 0x1F) << 6) | (p[1] & 0x3F);
  }
  if (c < 0xF0) {
    pos += 3;
    return (char32_t(c & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
  }
  pos += 4;
  return (char32_t(c & 0x07) << 18) | (char32_t(p[1] & 0x3F) << 12) | (char32_t(p[2] & 0x3F) << 6) |
         (p[3] & 0x3F);
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::size_t length(std::string_view text) {
  return bytes::count_utf8_lead_bytes(text.data(), text.size());
}

std::vector<std::size_t> to_codepoint_offsets(std::string_view text,
                                              const std::vector<std::size_t>& byte_offsets) {
  std::vector<std::size_t> order(byte_offsets.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return byte_offsets[a] < byte_offsets[b]; });
  std::vector<std::size_t> out(byte_offsets.size());
  std::size_t byte = 0, cp = 0;
  for (std::size_t idx : order) {
    const std::size_t target = std::min(byte_offsets[idx], text.size());
    cp += bytes::count_utf8_lead_bytes(text.data() + byte, target - byte);
    byte = target;
    out[idx] = cp;
  }
  return out;
}

std::vector<std::size_t> to_byte_offsets(std::string_view text,
                                         const std::vector<std::size_t>& codepoint_offsets) {
  std::vector<std::size_t> order(codepoint_offsets.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return codepoint_offsets[a] < codepoint_offsets[b];
  });
  std::vector<std::size_t> out(codepoint_offsets.size());
  std::size_t byte = 0, cp = 0;
  for (std::size_t idx : order) {
    const std::size_t target = codepoint_offsets[idx];
    while (cp < target && byte < text.size()) {
      ++byte;
      while (byte < text.size() && (static_cast<unsigned char>(text[byte]) & 0xC0) == 0x80) ++byte;
      ++cp;
    }
    out[idx] = byte;
  }
  return out;
}

}  // namespace incidentmap::utf8
