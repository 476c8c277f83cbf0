#pragma once
// Graceful stop of batch runs on SIGINT (Ctrl-C) and SIGTERM (kill, a scheduler's timeout).
// The first signal only sets a flag; the run checks it between documents, stops producing, lets
// the documents in flight finish, writes what it has (files still go through their temp name and
// rename, so no half-written output remains) and exits with 128 + the signal number: 130 for
// SIGINT, 143 for SIGTERM, the shell convention. A second signal of either kind, for a run that
// does not stop quickly enough, gets the default action and ends the process at once.

#include <atomic>

namespace incidentmap {

// Installs the SIGINT and SIGTERM handlers (sigaction with SA_RESTART, so that reads and writes
// in progress are not interrupted). Idempotent; clears nothing.
void install_stop_handlers();

// Restores the default actions and clears the flag; for tests and for embedding.
void remove_stop_handlers();

// The flag the handlers set; pass its address as OrderedPoolOptions::stop. Lock-free, so setting
// it is async-signal-safe.
const std::atomic<bool>& stop_flag();

// The first signal received since installation (SIGINT or SIGTERM), 0 when none.
int stop_signal();

// The process exit code after a stop by signal_number: 128 + signal_number (130 for SIGINT, 143
// for SIGTERM). Precondition: signal_number > 0.
int exit_code_for_signal(int signal_number);

}  // namespace incidentmap
