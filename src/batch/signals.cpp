#include "src/batch/signals.h"

#include <csignal>
#include <cstring>

namespace incidentmap {

namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "signal handlers may only touch lock-free atomics");

void on_stop_signal(int signal_number) {
  int none = 0;
  g_signal.compare_exchange_strong(none, signal_number);  // the first signal stays recorded
  if (g_stop.exchange(true)) {
    // Second signal: the user insists. Both calls are async-signal-safe.
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
  }
}

void set_action(int signal_number, void (*handler)(int)) {
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(signal_number, &action, nullptr);
}

}  // namespace

void install_stop_handlers() {
  set_action(SIGINT, on_stop_signal);
  set_action(SIGTERM, on_stop_signal);
}

void remove_stop_handlers() {
  set_action(SIGINT, SIG_DFL);
  set_action(SIGTERM, SIG_DFL);
  g_stop.store(false);
  g_signal.store(0);
}

const std::atomic<bool>& stop_flag() { return g_stop; }

int stop_signal() { return g_signal.load(); }

int exit_code_for_signal(int signal_number) { return 128 + signal_number; }

}  // namespace incidentmap
