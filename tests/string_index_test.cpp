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

// find_each gives what find gives for each key: present keys of every length class (below 4,
// 4 to 7, 8 to 16, longer), absent ones, and keys that differ only in their middle byte.
TEST(StringIndex, FindEachMatchesFind) {
  StringIndex index;
  const std::vector<std::string> known = {
      "a", "in", "the", "sinaloa", "culiacan", "mexico city", "baja california sur"};
  for (const std::string& k : known) index.insert(k);
  const std::vector<std::string> queries = {"the",
                                            "tHe",
                                            "txe",
                                            "a",
                                            "b",
                                            "sinaloa",
                                            "sinalo",
                                            "culiacan",
                                            "culiacin",
                                            "mexico city",
                                            "",
                                            "baja california sur",
                                            "baja california sux"};
  std::vector<std::uint64_t> hashes;
  for (const std::string& q : queries) hashes.push_back(StringIndex::hash(q));
  std::vector<std::uint32_t> ids(queries.size());
  index.find_each(
      queries.size(), hashes.data(), [&](std::size_t i) { return std::string_view(queries[i]); },
      ids.data());
  const std::vector<std::uint32_t> expected = {2,
                                               StringIndex::kNone,
                                               StringIndex::kNone,
                                               0,
                                               StringIndex::kNone,
                                               3,
                                               StringIndex::kNone,
                                               4,
                                               StringIndex::kNone,
                                               5,
                                               StringIndex::kNone,
                                               6,
                                               StringIndex::kNone};
  EXPECT_EQ(ids, expected);
  for (std::size_t i = 0; i < queries.size(); ++i) EXPECT_EQ(index.find(queries[i]), ids[i]);
  StringIndex empty;
  empty.find_each(
      queries.size(), hashes.data(), [&](std::size_t i) { return std::string_view(queries[i]); },
      ids.data());
  EXPECT_EQ(ids, std::vector<std::uint32_t>(queries.size(), StringIndex::kNone));
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
