#pragma once
// Skipping runs of plain ASCII bytes 16 at a time. The JSON readers and writers and the UTF-8
// check pass every byte of every document through one of these; news text is mostly printable
// ASCII, so they spend their time here. GCC/Clang vector extensions: one code path on every
// target (SSE2 on x86-64, NEON on ARM); only the lane mask is read with an SSE2 intrinsic where
// there is one.

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace incidentmap::bytes {

namespace detail {

using Bytes16 = unsigned char __attribute__((vector_size(16)));
using SignedBytes16 = signed char __attribute__((vector_size(16)));

inline Bytes16 load16(const char* p) {
  Bytes16 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Index (0-15) of the first lane of `mask` (lanes 0x00 or 0xFF) that is set; 16 when none is.
template <class Mask>
inline std::size_t first_set_lane(Mask mask) {
#if defined(__SSE2__)
  // One instruction gathers the lanes' top bits.
  const auto bits = static_cast<unsigned>(_mm_movemask_epi8(reinterpret_cast<__m128i>(mask)));
  return bits == 0 ? 16 : static_cast<std::size_t>(std::countr_zero(bits));
#else
  std::uint64_t half[2];
  std::memcpy(half, &mask, sizeof half);
  if constexpr (std::endian::native == std::endian::little) {
    if (half[0] != 0) return static_cast<std::size_t>(std::countr_zero(half[0])) / 8;
    if (half[1] != 0) return 8 + static_cast<std::size_t>(std::countr_zero(half[1])) / 8;
    return 16;
  } else {
    unsigned char lanes[16];
    std::memcpy(lanes, &mask, sizeof lanes);
    for (std::size_t i = 0; i < 16; ++i)
      if (lanes[i] != 0) return i;
    return 16;
  }
#endif
}

// The first p in [p, end) for which the byte test holds, checking 16 bytes per step with the
// vector test (which must agree with the byte test lane by lane); `end` when there is none.
template <class VectorTest, class ByteTest>
inline const char* find_first(const char* p, const char* end, VectorTest vector_test,
                              ByteTest byte_test) {
  while (end - p >= 16) {
    const std::size_t lane = first_set_lane(vector_test(load16(p)));
    if (lane < 16) return p + lane;
    p += 16;
  }
  while (p < end && !byte_test(static_cast<unsigned char>(*p))) ++p;
  return p;
}

}  // namespace detail

// The first byte in [p, end) that a JSON string cannot hold as it stands: a control character
// (below 0x20), '"' or '\\', and with `stop_at_non_ascii` also any byte from 0x80 (the start or
// middle of a multi-byte UTF-8 sequence, for callers that validate them). `end` when none.
inline const char* find_json_special(const char* p, const char* end, bool stop_at_non_ascii) {
  using detail::Bytes16;
  if (stop_at_non_ascii) {
    // As signed bytes, those from 0x80 are negative: one comparison finds them and controls.
    return detail::find_first(
        p, end,
        [](Bytes16 v) {
          return (reinterpret_cast<detail::SignedBytes16>(v) < 0x20) | (v == '"') | (v == '\\');
        },
        [](unsigned char c) { return c < 0x20 || c >= 0x80 || c == '"' || c == '\\'; });
  }
  return detail::find_first(
      p, end, [](Bytes16 v) { return (v < 0x20) | (v == '"') | (v == '\\'); },
      [](unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; });
}

// The first byte in [p, end) that is 0x00 or from 0x80 on: where plain ASCII text without NUL
// bytes stops. `end` when none.
inline const char* find_nul_or_non_ascii(const char* p, const char* end) {
  using detail::Bytes16;
  // As signed bytes, those from 0x80 are negative: below 1 with 0x00.
  return detail::find_first(
      p, end, [](Bytes16 v) { return reinterpret_cast<detail::SignedBytes16>(v) < 1; },
      [](unsigned char c) { return c == 0 || c >= 0x80; });
}

// The number of bytes in [p, p + n) that are not UTF-8 continuation bytes (10xxxxxx): the code
// points that start there. Continuation bytes are counted 16 per step into byte lanes, which
// are summed every 255 steps, before one could overflow.
inline std::size_t count_utf8_lead_bytes(const char* p, std::size_t n) {
  using detail::Bytes16;
  std::size_t continuations = 0;
  std::size_t i = 0;
  while (n - i >= 16) {
    Bytes16 lanes = {};
    const std::size_t steps = std::min<std::size_t>((n - i) / 16, 255);
    for (std::size_t k = 0; k < steps; ++k, i += 16) {
      // 0x80-0xBF, and only they, become 0xC0-0xFF when 0x40 is added; true lanes are 0xFF.
      const Bytes16 v = detail::load16(p + i);
      lanes -= static_cast<Bytes16>(static_cast<Bytes16>(v + 0x40) >= 0xC0);
    }
    std::uint64_t half[2];
    std::memcpy(half, &lanes, sizeof half);
    for (std::uint64_t h : half) {  // the sum of the eight byte lanes
      h = (h & 0x00FF00FF00FF00FFull) + ((h >> 8) & 0x00FF00FF00FF00FFull);
      h = (h & 0x0000FFFF0000FFFFull) + ((h >> 16) & 0x0000FFFF0000FFFFull);
      continuations += static_cast<std::size_t>((h & 0xFFFFFFFFull) + (h >> 32));
    }
  }
  if (n - i >= 8) {  // one word: continuation bytes have the top bit set, the next one clear
    std::uint64_t word;
    std::memcpy(&word, p + i, 8);
    const std::uint64_t top_bits = (word & ~(word << 1) & 0x8080808080808080ull) >> 7;
    continuations += static_cast<std::size_t>((top_bits * 0x0101010101010101ull) >> 56);
    i += 8;
  }
  for (; i < n; ++i) continuations += (static_cast<unsigned char>(p[i]) & 0xC0) == 0x80;
  return n - continuations;
}

}  // namespace incidentmap::bytes
