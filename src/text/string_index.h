#pragma once
// Dense ids for distinct strings: an open-addressing hash table (linear probing, load factor
// at most 1/2) over string_view keys whose bytes the caller keeps alive. Made for the
// recogniser's hot path, where every token is looked up once: callers hash a key once
// (StringIndex::hash) and reuse the hash for several tables, and clearing keeps the memory so
// that one index serves many documents without allocating.

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap {

class StringIndex {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  // 64-bit hash of `key`; the same value for equal keys in every process. Keys of up to 16
  // bytes (most words) are hashed inline by a multiply-fold of their bytes, longer ones by XXH3.
  static std::uint64_t hash(std::string_view key) {
    const auto* p = reinterpret_cast<const unsigned char*>(key.data());
    const std::size_t n = key.size();
    if (n > 16) return hash_long(key);
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    if (n >= 8) {
      std::memcpy(&a, p, 8);
      std::memcpy(&b, p + n - 8, 8);
    } else if (n >= 4) {
      std::uint32_t x = 0;
      std::uint32_t y = 0;
      std::memcpy(&x, p, 4);
      std::memcpy(&y, p + n - 4, 4);
      a = x;
      b = y;
    } else if (n > 0) {
      a = (std::uint64_t{p[0]} << 16) | (std::uint64_t{p[n / 2]} << 8) | p[n - 1];
    }
    __extension__ using U128 = unsigned __int128;  // GCC and Clang; a 64x64->128 multiply
    const U128 m = static_cast<U128>(a ^ 0x9E3779B97F4A7C15ull) * (b ^ 0xC2B2AE3D27D4EB4Full ^ n);
    return static_cast<std::uint64_t>(m) ^ static_cast<std::uint64_t>(m >> 64);
  }

  // Forgets every key, keeping the allocated memory; sized for about `expected_keys` keys
  // (the table grows past that when needed).
  void clear(std::size_t expected_keys = 0);

  // Id of `key` (0, 1, 2, ... in insertion order), or kNone. `h` must be hash(key).
  // Always inlined: called once per token of every text.
  [[gnu::always_inline]] std::uint32_t find(std::string_view key, std::uint64_t h) const {
    if (slots_.empty()) return kNone;
    const std::uint32_t tag = tag_of(h);
    for (std::size_t s = h & mask_;; s = (s + 1) & mask_) {
      const Slot slot = slots_[s];
      if (slot.id == kNone) return kNone;
      if (slot.tag == tag && same(keys_[slot.id], key)) return slot.id;
    }
  }
  std::uint32_t find(std::string_view key) const { return find(key, hash(key)); }

  // Id of `key`, inserting it when absent. The bytes of `key` must stay valid and unchanged
  // while the index holds it (until clear() or destruction). `h` must be hash(key).
  std::uint32_t insert(std::string_view key, std::uint64_t h);
  std::uint32_t insert(std::string_view key) { return insert(key, hash(key)); }

  // Prefetching, for callers about to look up many keys (a text's words) who want their
  // cache misses to overlap: start loading the slot where a lookup of hash `h` begins; the id
  // that slot holds when its tag matches `h` (kNone otherwise; the key is not compared, so
  // only a hint); start loading the view of key `id`.
  void prefetch(std::uint64_t h) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & mask_]);
  }
  std::uint32_t peek(std::uint64_t h) const {
    if (slots_.empty()) return kNone;
    const Slot slot = slots_[h & mask_];
    return slot.tag == tag_of(h) ? slot.id : kNone;
  }
  void prefetch_key(std::uint32_t id) const { __builtin_prefetch(&keys_[id]); }

  // Number of distinct keys.
  std::size_t size() const { return keys_.size(); }
  // The key with id `id` (precondition: id < size()).
  std::string_view key(std::uint32_t id) const { return keys_[id]; }

 private:
  static std::uint64_t hash_long(std::string_view key);
  // The first and the last sizeof(W) bytes of p and q are equal (n >= sizeof(W) bytes each).
  template <typename W>
  [[gnu::always_inline]] static bool same_ends(const char* p, const char* q, std::size_t n) {
    W p0, p1, q0, q1;
    std::memcpy(&p0, p, sizeof(W));
    std::memcpy(&p1, p + n - sizeof(W), sizeof(W));
    std::memcpy(&q0, q, sizeof(W));
    std::memcpy(&q1, q + n - sizeof(W), sizeof(W));
    return ((p0 ^ q0) | (p1 ^ q1)) == 0;
  }
  // a == b, inline for keys of up to 16 bytes (most words): two overlapping loads per side
  // cover every byte, as in hash(), instead of a call to memcmp.
  [[gnu::always_inline]] static bool same(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    if (n > 16) return a == b;
    const char* p = a.data();
    const char* q = b.data();
    if (n >= 8) return same_ends<std::uint64_t>(p, q, n);
    if (n >= 4) return same_ends<std::uint32_t>(p, q, n);
    // Bytes 0, n / 2 and n - 1 are all the bytes of a key shorter than 4.
    return n == 0 || (p[0] == q[0] && p[n / 2] == q[n / 2] && p[n - 1] == q[n - 1]);
  }
  void rehash(std::size_t slots);

  // A slot holds an id and the high half of its key's hash, so that probing past other keys
  // reads only the slot array (one cache miss per lookup in a large table).
  struct Slot {
    std::uint32_t id = kNone;  // kNone marks an empty slot
    std::uint32_t tag = 0;     // hash >> 32
  };
  static std::uint32_t tag_of(std::uint64_t h) { return static_cast<std::uint32_t>(h >> 32); }

  std::vector<Slot> slots_;  // size a power of two
  std::vector<std::string_view> keys_;
  std::size_t mask_ = 0;
};

// Ids of short keys (up to 8 bytes) in a direct-mapped table: a key's bytes packed into a
// 64-bit word with its length are the whole key, so a lookup is one multiply, one load and one
// compare, without hashing the bytes or probing. Made to sit in front of a StringIndex for the
// words of texts, most of which are short and common: a hit gives the id stored for that key,
// and a 64-bit value the caller stored with it (what it needs per token of that word, in the
// same cache line as the key); a later key of the same slot overwrites it. Clearing forgets
// every key.
class ShortKeyCache {
 public:
  static constexpr std::size_t kMaxKey = 8;

  // What a slot holds.
  struct Entry {
    std::uint64_t packed = 0;
    std::uint32_t size = 0xFFFFFFFFu;  // matches no key: the slot is empty
    std::uint32_t id = StringIndex::kNone;
    std::uint64_t value = 0;
  };

  // 2^log2_slots slots (24 bytes each), all empty.
  explicit ShortKeyCache(unsigned log2_slots = 12)
      : slots_(std::size_t{1} << log2_slots), shift_(64 - log2_slots) {}

  // `key` (at most kMaxKey bytes) as a word: its bytes in memory order, zero above. `readable`
  // is how many bytes from key.data() may be read (at least key.size()); with 8 or more, one
  // load reads them all.
  static std::uint64_t pack(std::string_view key, std::size_t readable) {
    const std::size_t n = key.size();
    std::uint64_t w = 0;
    if constexpr (std::endian::native == std::endian::little) {
      if (readable >= 8) {
        std::memcpy(&w, key.data(), 8);
        return w & kMasks[n];
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      w |= std::uint64_t{static_cast<unsigned char>(key[i])} << (8 * i);
    }
    return w;
  }

  // The entry of the key packed as `packed` of `size` bytes, or nullptr. The pointer is valid
  // until the next put() or clear().
  const Entry* lookup(std::uint64_t packed, std::size_t size) const {
    const Entry& s = slots_[slot_of(packed, size)];
    return s.packed == packed && s.size == size ? &s : nullptr;
  }
  // The id stored for the key, or StringIndex::kNone.
  std::uint32_t find(std::uint64_t packed, std::size_t size) const {
    const Entry* e = lookup(packed, size);
    return e != nullptr ? e->id : StringIndex::kNone;
  }
  // Stores `id` and `value` for the key (size <= kMaxKey), replacing what its slot held.
  void put(std::uint64_t packed, std::size_t size, std::uint32_t id, std::uint64_t value = 0) {
    slots_[slot_of(packed, size)] = Entry{packed, static_cast<std::uint32_t>(size), id, value};
  }
  void clear() { std::fill(slots_.begin(), slots_.end(), Entry{}); }

 private:
  // The bytes of keys of 0..8 bytes, by length: one load instead of a variable shift.
  static constexpr std::array<std::uint64_t, kMaxKey + 1> kMasks = [] {
    std::array<std::uint64_t, kMaxKey + 1> m{};
    for (std::size_t n = 1; n <= kMaxKey; ++n) m[n] = (m[n - 1] << 8) | 0xFF;
    return m;
  }();
  std::size_t slot_of(std::uint64_t packed, std::size_t size) const {
    return static_cast<std::size_t>(((packed ^ size) * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  std::vector<Entry> slots_;
  unsigned shift_;
};

// Values of type V by string key, over a StringIndex that owns copies of its keys: for tables
// built once and read on hot paths (word lists, a name source). Values are stored by id, so a
// lookup is one probe plus one load.
template <typename V>
class StringMap {
 public:
  // The value of `key`, value-initialised and inserted when absent. References stay valid
  // until the next insertion.
  V& operator[](std::string_view key) {
    const std::uint64_t h = StringIndex::hash(key);
    std::uint32_t id = index_.find(key, h);
    if (id == StringIndex::kNone) {
      keys_.emplace_back(key);
      id = index_.insert(keys_.back(), h);
      values_.emplace_back();
    }
    return values_[id];
  }
  // The value of `key`, or nullptr. `h` must be StringIndex::hash(key).
  const V* find(std::string_view key, std::uint64_t h) const {
    const std::uint32_t id = index_.find(key, h);
    return id == StringIndex::kNone ? nullptr : &values_[id];
  }
  const V* find(std::string_view key) const { return find(key, StringIndex::hash(key)); }

  // Sizes an empty map for about `expected_keys` keys, so that filling it does not rehash.
  void reserve(std::size_t expected_keys) {
    if (values_.empty()) index_.clear(expected_keys);
    values_.reserve(expected_keys);
  }

  std::size_t size() const { return values_.size(); }
  const std::vector<V>& values() const { return values_; }

 private:
  std::deque<std::string> keys_;  // a deque: the index holds views of these strings
  StringIndex index_;
  std::vector<V> values_;  // by index id
};

}  // namespace incidentmap
