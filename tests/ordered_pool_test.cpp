#include "src/batch/ordered_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace incidentmap {
namespace {

using namespace std::chrono_literals;

// A producer of the integers [0, count).
struct Counter {
  int count;
  int next = 0;
  std::optional<int> operator()() {
    if (next >= count) return std::nullopt;
    return next++;
  }
};

// A pseudo-random delay of 0-2 ms fixed by the item, so that items finish out of order.
void jitter(int item) {
  const std::uint32_t h = static_cast<std::uint32_t>(item) * 2654435761u;
  std::this_thread::sleep_for(std::chrono::microseconds((h >> 16) % 2000));
}

std::string work_result(int item) { return "item-" + std::to_string(item * item); }

struct PoolCase {
  int threads;
  std::size_t window;  // 0: the default, 4 * threads
};

class OrderedPoolTest : public ::testing::TestWithParam<PoolCase> {
 protected:
  OrderedPoolOptions options() const { return {GetParam().threads, GetParam().window, nullptr}; }
  std::size_t window() const {
    return GetParam().window > 0 ? GetParam().window
                                 : 4 * static_cast<std::size_t>(GetParam().threads);
  }
};

TEST_P(OrderedPoolTest, DeliversInInputOrderDespiteRandomDelays) {
  std::vector<std::size_t> indices;
  std::vector<std::string> outputs;
  const OrderedPoolStats stats = ordered_map(
      Counter{200},
      [](int& item) {
        jitter(item);
        return work_result(item);
      },
      [&](OrderedResult<int, std::string>&& r) {
        EXPECT_EQ(r.input, static_cast<int>(r.index));
        ASSERT_TRUE(r.output.has_value());
        indices.push_back(r.index);
        outputs.push_back(*r.output);
      },
      options());

  ASSERT_EQ(outputs.size(), 200u);
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    EXPECT_EQ(indices[i], i);
    EXPECT_EQ(outputs[i], work_result(static_cast<int>(i)));  // same as a single-threaded run
  }
  EXPECT_EQ(stats.produced, 200u);
  EXPECT_EQ(stats.consumed, 200u);
  EXPECT_EQ(stats.failed, 0u);
  EXPECT_FALSE(stats.stopped);
}

TEST_P(OrderedPoolTest, AFailingItemIsReportedAndTheOthersGoOn) {
  std::vector<std::string> seen;
  const OrderedPoolStats stats = ordered_map(
      Counter{12},
      [](int& item) {
        jitter(item);
        if (item == 3 || item == 7) throw std::runtime_error("bad item " + std::to_string(item));
        return item * 10;
      },
      [&](OrderedResult<int, int>&& r) {
        if (r.error) {
          EXPECT_FALSE(r.output.has_value());
          try {
            std::rethrow_exception(r.error);
          } catch (const std::runtime_error& e) {
            seen.push_back(e.what());
          }
        } else {
          seen.push_back(std::to_string(*r.output));
        }
      },
      options());

  const std::vector<std::string> expected = {"0",  "10",         "20", "bad item 3", "40",  "50",
                                             "60", "bad item 7", "80", "90",         "100", "110"};
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(stats.consumed, 12u);
  EXPECT_EQ(stats.failed, 2u);
}

TEST_P(OrderedPoolTest, InFlightItemsNeverExceedTheWindow) {
  std::size_t in_flight = 0;
  std::size_t most = 0;
  const OrderedPoolStats stats = ordered_map(
      [&, source = Counter{100}]() mutable {
        std::optional<int> item = source();
        if (item) most = std::max(most, ++in_flight);
        return item;
      },
      [](int& item) {
        // A slow first item holds back delivery, so production runs into the window.
        std::this_thread::sleep_for(item == 0 ? 30ms : 0ms);
        return item;
      },
      [&](OrderedResult<int, int>&&) { --in_flight; }, options());

  EXPECT_LE(most, window());
  EXPECT_EQ(stats.max_in_flight, most);
  if (GetParam().threads > 1) {
    EXPECT_EQ(most, window());  // the bound is reached, not avoided
  }
  EXPECT_EQ(stats.consumed, 100u);
}

TEST_P(OrderedPoolTest, StopDeliversAPrefixPromptly) {
  std::atomic<bool> stop{false};
  OrderedPoolOptions opts = options();
  opts.stop = &stop;
  std::vector<std::size_t> indices;
  const auto start = std::chrono::steady_clock::now();
  const OrderedPoolStats stats = ordered_map(
      Counter{100000},
      [](int& item) {
        std::this_thread::sleep_for(1ms);
        return item;
      },
      [&](OrderedResult<int, int>&& r) {
        indices.push_back(r.index);
        if (r.index == 5) stop.store(true);
      },
      opts);
  const auto elapsed = std::chrono::steady_clock::now() - start;

  EXPECT_TRUE(stats.stopped);
  ASSERT_GE(indices.size(), 6u);
  EXPECT_LE(indices.size(), 6u + window());  // only what was already in flight
  for (std::size_t i = 0; i < indices.size(); ++i) EXPECT_EQ(indices[i], i);
  EXPECT_EQ(stats.consumed, indices.size());
  EXPECT_LT(elapsed, 2s);  // 100000 items of 1 ms would take minutes
}

TEST_P(OrderedPoolTest, StopSetBeforehandProducesNothing) {
  std::atomic<bool> stop{true};
  OrderedPoolOptions opts = options();
  opts.stop = &stop;
  Counter source{10};
  const OrderedPoolStats stats = ordered_map(
      std::ref(source), [](int& item) { return item; }, [](OrderedResult<int, int>&&) {}, opts);
  EXPECT_TRUE(stats.stopped);
  EXPECT_EQ(stats.produced, 0u);
  EXPECT_EQ(source.next, 0);
}

TEST_P(OrderedPoolTest, ConsumerExceptionPropagatesAfterJoiningWorkers) {
  std::atomic<int> started{0};
  EXPECT_THROW(ordered_map(
                   Counter{1000},
                   [&](int& item) {
                     ++started;
                     return item;
                   },
                   [](OrderedResult<int, int>&& r) {
                     if (r.index == 4) throw std::runtime_error("disk full");
                   },
                   options()),
               std::runtime_error);
  EXPECT_LE(static_cast<std::size_t>(started.load()), 5u + window());
}

TEST_P(OrderedPoolTest, ProducerExceptionPropagates) {
  int next = 0;
  EXPECT_THROW(ordered_map(
                   [&]() -> std::optional<int> {
                     if (next == 9) throw std::runtime_error("unreadable input");
                     return next++;
                   },
                   [](int& item) { return item; }, [](OrderedResult<int, int>&&) {}, options()),
               std::runtime_error);
}

INSTANTIATE_TEST_SUITE_P(Threads, OrderedPoolTest,
                         ::testing::Values(PoolCase{1, 0}, PoolCase{2, 0}, PoolCase{3, 0},
                                           PoolCase{4, 0}, PoolCase{2, 1}, PoolCase{4, 3}),
                         [](const ::testing::TestParamInfo<PoolCase>& param_info) {
                           return "threads" + std::to_string(param_info.param.threads) + "_window" +
                                  std::to_string(param_info.param.window);
                         });

TEST(OrderedPool, OneThreadRunsInlineOnTheCallingThread) {
  const std::thread::id caller = std::this_thread::get_id();
  std::vector<std::thread::id> ids;
  ordered_map(
      Counter{5}, [](int&) { return std::this_thread::get_id(); },
      [&](OrderedResult<int, std::thread::id>&& r) { ids.push_back(*r.output); },
      OrderedPoolOptions{1, 0, nullptr});
  EXPECT_EQ(ids, std::vector<std::thread::id>(5, caller));
}

TEST(OrderedPool, ThreadsBelowOneAreRejected) {
  EXPECT_THROW(ordered_map(
                   Counter{1}, [](int& i) { return i; }, [](OrderedResult<int, int>&&) {},
                   OrderedPoolOptions{0, 0, nullptr}),
               std::invalid_argument);
}

TEST(OrderedPool, ResolveThreadCount) {
  EXPECT_EQ(resolve_thread_count(3), 3);
  EXPECT_EQ(resolve_thread_count(1), 1);
  const unsigned cores = std::thread::hardware_concurrency();
  EXPECT_EQ(resolve_thread_count(0), cores == 0 ? 1 : static_cast<int>(cores));
  EXPECT_THROW(resolve_thread_count(-2), std::invalid_argument);
}

}  // namespace
}  // namespace incidentmap
