#include "src/text/string_index.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <bit>

namespace incidentmap {

std::uint64_t StringIndex::hash_long(std::string_view key) {
  return XXH3_64bits(key.data(), key.size());
}

void StringIndex::clear(std::size_t expected_keys) {
  keys_.clear();
  // At least 16 slots and twice the expected keys, so that a document's tokens fit without
  // growing.
  const std::size_t slots = std::bit_ceil(std::max<std::size_t>(16, expected_keys * 2));
  slots_.assign(slots, Slot{});
  mask_ = slots - 1;
}

std::uint32_t StringIndex::insert(std::string_view key, std::uint64_t h) {
  if ((keys_.size() + 1) * 2 > slots_.size()) rehash(std::max<std::size_t>(16, slots_.size() * 2));
  const std::uint32_t tag = tag_of(h);
  for (std::size_t s = h & mask_;; s = (s + 1) & mask_) {
    const Slot slot = slots_[s];
    if (slot.id == kNone) {
      const auto fresh = static_cast<std::uint32_t>(keys_.size());
      slots_[s] = Slot{fresh, tag};
      keys_.push_back(key);
      return fresh;
    }
    if (slot.tag == tag && same(keys_[slot.id], key)) return slot.id;
  }
}

void StringIndex::rehash(std::size_t slots) {
  slots_.assign(slots, Slot{});
  mask_ = slots - 1;
  for (std::uint32_t id = 0; id < keys_.size(); ++id) {
    const std::uint64_t h = hash(keys_[id]);
    std::size_t s = h & mask_;
    while (slots_[s].id != kNone) s = (s + 1) & mask_;
    slots_[s] = Slot{id, tag_of(h)};
  }
}

}  // namespace incidentmap
