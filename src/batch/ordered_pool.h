#pragma once
// A bounded, ordered parallel map for batch runs (`--threads`): worker threads apply a function
// to items pulled from a producer, and a single consumer receives the results strictly in input
// order. Output written by the consumer is therefore byte for byte the same for any thread count.
//
// Memory is bounded: at most `window` items are produced but not yet consumed, whatever the
// input size, so a run holds a constant number of documents. The producer and the consumer run
// on the calling thread only (they need no locking); the work function runs on the workers and
// must be safe to call concurrently. Keep the producer cheap (hand out raw lines, not parsed
// documents) so that the calling thread does not become the bottleneck.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace incidentmap {

// The worker count for `--threads N`: N for N >= 1; for 0 ("all cores", the default) the
// hardware concurrency, or 1 when the platform cannot tell. Throws std::invalid_argument for N < 0.
int resolve_thread_count(int requested);

struct OrderedPoolOptions {
  // Worker threads, >= 1. With 1 everything runs inline on the calling thread: no thread is
  // started, so single-threaded runs pay nothing for the pool.
  int threads = 1;
  // Most items produced but not yet consumed (running, finished and waiting for an earlier item,
  // or queued); 0 means 4 * threads. A slow item holds back delivery, not production, until the
  // window is full.
  std::size_t window = 0;
  // Checked between items (never inside the work function); may be set from a signal handler.
  // Once set, no further item is produced or started, items already running finish, and the
  // consumer receives every finished item that has no unfinished item before it. So the consumed
  // items are always a prefix of the input. nullptr: never stop.
  const std::atomic<bool>* stop = nullptr;
};

struct OrderedPoolStats {
  std::size_t produced = 0;       // items taken from the producer
  std::size_t consumed = 0;       // items handed to the consumer, failed ones included
  std::size_t failed = 0;         // consumed items whose work threw
  std::size_t max_in_flight = 0;  // highest produced-but-not-consumed count seen (<= window)
  bool stopped = false;  // the stop flag ended the run before the producer reported its end
};

// One item's outcome, handed to the consumer in input order.
template <class In, class Out>
struct OrderedResult {
  std::size_t index = 0;      // 0-based position in the producer's sequence
  In input;                   // the item, as the work function left it
  std::optional<Out> output;  // set when the work function returned
  std::exception_ptr error;   // set when it threw (output is then empty); the batch goes on
};

namespace ordered_pool_detail {

template <class Produce>
using ItemOf = typename std::invoke_result_t<Produce&>::value_type;

template <class Produce, class Work>
using OutputOf = std::decay_t<std::invoke_result_t<Work&, ItemOf<Produce>&>>;

inline bool stop_requested(const std::atomic<bool>* stop) {
  return stop != nullptr && stop->load(std::memory_order_relaxed);
}

template <class In, class Out, class Work>
void run_item(OrderedResult<In, Out>& result, Work& work) {
  try {
    result.output.emplace(std::invoke(work, result.input));
  } catch (...) {
    result.error = std::current_exception();
  }
}

}  // namespace ordered_pool_detail

// Runs work over every item of produce and hands each outcome to consume, in input order.
//   produce: std::optional<In>() on the calling thread; nullopt ends the input.
//   work:    Out(In&) on a worker thread; may modify or move from the item. An exception is
//            captured in that item's OrderedResult::error and the batch goes on.
//   consume: void(OrderedResult<In, Out>&&) on the calling thread, in index order.
// An exception thrown by produce or consume ends the run: workers finish their current item,
// are joined, unconsumed items are discarded, and the exception propagates to the caller.
// Throws std::invalid_argument when options.threads < 1.
template <class Produce, class Work, class Consume>
OrderedPoolStats ordered_map(Produce&& produce, Work&& work, Consume&& consume,
                             const OrderedPoolOptions& options) {
  using In = ordered_pool_detail::ItemOf<Produce>;
  using Out = ordered_pool_detail::OutputOf<Produce, Work>;
  using Result = OrderedResult<In, Out>;
  static_assert(!std::is_void_v<Out>, "the work function must return a value");

  if (options.threads < 1) throw std::invalid_argument("ordered_map: threads must be >= 1");
  const std::size_t window =
      options.window > 0 ? options.window : 4 * static_cast<std::size_t>(options.threads);
  OrderedPoolStats stats;

  if (options.threads == 1) {
    for (std::size_t index = 0;; ++index) {
      if (ordered_pool_detail::stop_requested(options.stop)) {
        stats.stopped = true;
        break;
      }
      std::optional<In> item = produce();
      if (!item) break;
      ++stats.produced;
      stats.max_in_flight = 1;
      Result result{index, std::move(*item), std::nullopt, nullptr};
      ordered_pool_detail::run_item(result, work);
      if (result.error) ++stats.failed;
      consume(std::move(result));
      ++stats.consumed;
    }
    return stats;
  }

  enum class State { kQueued, kRunning, kDone };
  struct Slot {
    Result result;
    State state = State::kQueued;
  };

  // Everything below is guarded by mutex. Slots live in a deque: appending at the back and
  // removing at the front keep references to the other slots valid, so a worker can run its
  // item unlocked while the calling thread adds and delivers others.
  std::mutex mutex;
  std::condition_variable work_ready;  // a slot was queued, or shutdown
  std::condition_variable item_done;   // a worker finished an item
  std::deque<Slot> slots;              // slots[i] holds item first_index + i
  std::size_t first_index = 0;         // index of slots.front()
  std::size_t next_queued = 0;         // index of the next slot a worker takes
  std::size_t running = 0;
  bool exhausted = false;  // the producer reported the end of the input
  bool cancelled = false;  // stop seen: workers start nothing new
  bool shutdown = false;   // workers exit

  // The calling thread is woken when it has results to deliver and the workers are about to run
  // out of queued items (or the input has ended), not once per finished item: each wake-up is a
  // context switch, and with as many workers as cores the calling thread preempts one of them.
  // Results are then delivered in runs; the workers keep up to `threads` items in reserve.
  const std::size_t low_water = static_cast<std::size_t>(options.threads);
  const auto consumer_wanted = [&] {
    const bool front_done = !slots.empty() && slots.front().state == State::kDone;
    return front_done && (exhausted || first_index + slots.size() - next_queued <= low_water);
  };

  auto worker = [&] {
    std::unique_lock lock(mutex);
    for (;;) {
      work_ready.wait(lock, [&] {
        return shutdown || (!cancelled && next_queued < first_index + slots.size());
      });
      if (shutdown) return;
      Slot& slot = slots[next_queued - first_index];
      ++next_queued;
      slot.state = State::kRunning;
      ++running;
      // Taking an item may bring the queue down to the low-water mark.
      if (consumer_wanted()) item_done.notify_one();
      lock.unlock();
      ordered_pool_detail::run_item(slot.result, work);
      lock.lock();
      slot.state = State::kDone;
      --running;
      // After a stop the calling thread waits for the running items to end.
      if (cancelled || consumer_wanted()) item_done.notify_one();
    }
  };

  std::vector<std::thread> workers;
  // Joins the workers on every way out, exceptions from produce and consume included.
  struct Joiner {
    std::function<void()> shut;
    std::vector<std::thread>& threads;
    ~Joiner() {
      shut();
      for (auto& t : threads) t.join();
    }
  } joiner{[&] {
             {
               std::lock_guard guard(mutex);
               shutdown = true;
             }
             work_ready.notify_all();
           },
           workers};
  workers.reserve(static_cast<std::size_t>(options.threads));
  for (int i = 0; i < options.threads; ++i) workers.emplace_back(worker);

  std::unique_lock lock(mutex);
  auto deliver_finished_prefix = [&] {
    while (!slots.empty() && slots.front().state == State::kDone) {
      Result result = std::move(slots.front().result);
      slots.pop_front();
      ++first_index;
      if (result.error) ++stats.failed;
      lock.unlock();
      consume(std::move(result));
      lock.lock();
      ++stats.consumed;
    }
  };

  for (;;) {
    deliver_finished_prefix();
    if (exhausted && slots.empty()) break;
    if (ordered_pool_detail::stop_requested(options.stop)) {
      stats.stopped = true;
      cancelled = true;
      // Queued items never start; running ones finish and are delivered, in order.
      while (first_index + slots.size() > next_queued) slots.pop_back();
      item_done.wait(lock, [&] { return running == 0; });
      deliver_finished_prefix();
      break;
    }
    if (!exhausted && slots.size() < window) {
      lock.unlock();
      std::optional<In> item = produce();
      lock.lock();
      if (!item) {
        exhausted = true;
        continue;
      }
      slots.push_back(
          Slot{Result{first_index + slots.size(), std::move(*item), std::nullopt, nullptr},
               State::kQueued});
      ++stats.produced;
      stats.max_in_flight = std::max(stats.max_in_flight, slots.size());
      work_ready.notify_one();
      continue;
    }
    // A signal handler cannot notify a condition variable, hence the timeout: the stop flag is
    // seen within a few milliseconds even while every worker is busy with a long item.
    item_done.wait_for(lock, std::chrono::milliseconds(10), [&] {
      return consumer_wanted() || ordered_pool_detail::stop_requested(options.stop);
    });
  }
  lock.unlock();
  return stats;
}

}  // namespace incidentmap
