#pragma once
// Dense ids for distinct strings: an open-addressing hash table (linear probing, load factor
// at most 1/2) over string_view keys whose bytes the caller keeps alive. Made for the
// recogniser's hot path, where every token is looked up once: callers hash a key once
// (StringIndex::hash) and reuse the hash for several tables, and clearing keeps the memory so
// that one index serves many documents without allocating.

#include <cstdint>
#include <string_view>
#include <vector>

namespace incidentmap {

class StringIndex {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  // 64-bit hash of `key` (XXH3); the same value for equal keys in every process.
  static std::uint64_t hash(std::string_view key);

  // Forgets every key, keeping the allocated memory; sized for about `expected_keys` keys
  // (the table grows past that when needed).
  void clear(std::size_t expected_keys = 0);

  // Id of `key` (0, 1, 2, ... in insertion order), or kNone. `h` must be hash(key).
  std::uint32_t find(std::string_view key, std::uint64_t h) const;
  std::uint32_t find(std::string_view key) const { return find(key, hash(key)); }

  // Id of `key`, inserting it when absent. The bytes of `key` must stay valid and unchanged
  // while the index holds it (until clear() or destruction). `h` must be hash(key).
  std::uint32_t insert(std::string_view key, std::uint64_t h);
  std::uint32_t insert(std::string_view key) { return insert(key, hash(key)); }

  // Starts loading the slot where a lookup of hash `h` begins, so that a caller about to look
  // up many keys (a text's words) overlaps their cache misses.
  void prefetch(std::uint64_t h) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & mask_]);
  }

  // Number of distinct keys.
  std::size_t size() const { return keys_.size(); }
  // The key with id `id` (precondition: id < size()).
  std::string_view key(std::uint32_t id) const { return keys_[id]; }

 private:
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

}  // namespace incidentmap
