#include "src/text/string_index.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace incidentmap {
namespace {

TEST(StringIndex, IdsInInsertionOrderAndLookups) {
  StringIndex index;
  EXPECT_EQ(index.find("mexico"), StringIndex::kNone);  // empty, never sized
  const std::vector<std::string> keys = {"mexico", "", "mexico city", "a", "culiacan sinaloa 12"};
  for (std::size_t k = 0; k < keys.size(); ++k) EXPECT_EQ(index.insert(keys[k]), k);
  EXPECT_EQ(index.insert("mexico city"), 2u);  // present: same id
  EXPECT_EQ(index.size(), keys.size());
  EXPECT_EQ(index.find("mexico city"), 2u);
  EXPECT_EQ(index.find("mexic"), StringIndex::kNone);
  EXPECT_EQ(index.key(4), "culiacan sinaloa 12");
  EXPECT_EQ(index.peek(StringIndex::hash("a")), 3u);
  index.clear(4);
  EXPECT_EQ(index.size(), 0u);
  EXPECT_EQ(index.find("mexico"), StringIndex::kNone);
}

TEST(StringIndex, GrowsPastItsSize) {
  StringIndex index;
  index.clear(2);
  std::vector<std::string> keys;
  for (int k = 0; k < 5000; ++k) keys.push_back("w" + std::to_string(k * 7919));
  for (std::size_t k = 0; k < keys.size(); ++k) ASSERT_EQ(index.insert(keys[k]), k);
  for (std::size_t k = 0; k < keys.size(); ++k) ASSERT_EQ(index.find(keys[k]), k);
  EXPECT_EQ(index.find("w1"), StringIndex::kNone);
}

// Equal keys hash equally whatever their storage; lengths around the short/long boundary.
TEST(StringIndex, HashDependsOnBytesOnly) {
  const std::string a = "abcdefghijklmnopq";
  for (std::size_t len = 0; len <= a.size(); ++len) {
    const std::string copy = a.substr(0, len);
    EXPECT_EQ(StringIndex::hash(std::string_view(a).substr(0, len)), StringIndex::hash(copy));
    if (len > 0) {
      EXPECT_NE(StringIndex::hash(copy), StringIndex::hash(a.substr(0, len - 1))) << len;
    }
  }
}

// ShortKeyCache::pack: one row per key, with the word expected (bytes in memory order, the
// first in the low byte), packed from a buffer where 8 bytes are readable and from one where
// only the key's bytes are.
struct PackCase {
  std::string key;
  std::uint64_t packed;
};

class ShortKeyPack : public ::testing::TestWithParam<PackCase> {};

TEST_P(ShortKeyPack, PacksTheKeyBytesOnly) {
  const PackCase& c = GetParam();
  const std::string padded = c.key + "zzzzzzzz";  // bytes after the key must not count
  EXPECT_EQ(ShortKeyCache::pack(std::string_view(padded).substr(0, c.key.size()), padded.size()),
            c.packed);
  EXPECT_EQ(ShortKeyCache::pack(c.key, c.key.size()), c.packed);
}

INSTANTIATE_TEST_SUITE_P(Keys, ShortKeyPack,
                         ::testing::Values(PackCase{"", 0}, PackCase{"a", 0x61},
                                           PackCase{"in", 0x6E69}, PackCase{"the", 0x656874},
                                           PackCase{"mexico", 0x6F636978656Dull},
                                           PackCase{"sinaloas", 0x73616F6C616E6973ull}));

TEST(ShortKeyCache, FindsWhatWasPutAndForgetsOnClear) {
  ShortKeyCache cache(4);  // 16 slots: keys share slots
  const std::vector<std::string> keys = {"", "a", "in", "the", "police", "mexico", "sinaloas"};
  auto packed = [](const std::string& k) { return ShortKeyCache::pack(k, k.size()); };
  for (const std::string& k : keys) EXPECT_EQ(cache.find(packed(k), k.size()), StringIndex::kNone);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    cache.put(packed(keys[i]), keys[i].size(), static_cast<std::uint32_t>(i));
    EXPECT_EQ(cache.find(packed(keys[i]), keys[i].size()), i);
  }
  // Every key found gives its own id; a key overwritten by a later one in its slot is absent.
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::uint32_t id = cache.find(packed(keys[i]), keys[i].size());
    EXPECT_TRUE(id == i || id == StringIndex::kNone) << keys[i];
  }
  EXPECT_EQ(cache.find(packed("sinaloas"), 8), 6u);  // the last put is always there
  // Same bytes, other length: "a" and "a\0" pack alike but are different keys.
  EXPECT_EQ(cache.find(packed("a"), 2), StringIndex::kNone);
  cache.clear();
  for (const std::string& k : keys) EXPECT_EQ(cache.find(packed(k), k.size()), StringIndex::kNone);
}

// The value stored with a key comes back with its id; an absent key gives no entry.
TEST(ShortKeyCache, LookupGivesTheValueStoredWithTheKey) {
  ShortKeyCache cache(4);
  const std::string key = "police";
  const std::uint64_t packed = ShortKeyCache::pack(key, key.size());
  EXPECT_EQ(cache.lookup(packed, key.size()), nullptr);
  cache.put(packed, key.size(), 7, 0x123456789ABCDEF0ull);
  const ShortKeyCache::Entry* e = cache.lookup(packed, key.size());
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->id, 7u);
  EXPECT_EQ(e->value, 0x123456789ABCDEF0ull);
  EXPECT_EQ(cache.lookup(packed, key.size() + 1), nullptr);
  cache.put(packed, key.size(), 8);  // the value defaults to 0
  EXPECT_EQ(cache.lookup(packed, key.size())->value, 0u);
}

TEST(StringMap, OwnsKeysAndValues) {
  StringMap<int> map;
  {
    std::string transient = "culiacan";
    map[transient] = 3;  // the map keeps its own copy of the key
  }
  map["sinaloa"] += 2;
  map["sinaloa"] += 2;
  ASSERT_NE(map.find("culiacan"), nullptr);
  EXPECT_EQ(*map.find("culiacan"), 3);
  EXPECT_EQ(*map.find("sinaloa"), 4);
  EXPECT_EQ(map.find("mexico"), nullptr);
  EXPECT_EQ(map.size(), 2u);
  EXPECT_EQ(map.values(), (std::vector<int>{3, 4}));
}

}  // namespace
}  // namespace incidentmap
