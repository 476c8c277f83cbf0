#pragma once
// Runs the incidentmap binary (or any program) as a child process with given arguments and
// standard input, capturing standard output, standard error and the exit code. The streams go
// through temporary files, so that large outputs cannot dead-lock on pipe buffers.
//
//   const CliRun run = run_cli({"eval", "--gold", gold, "--pred", pred}, stdin_text);
//   EXPECT_EQ(run.exit_code, 0);
//
// ctest sets INCIDENTMAP_BIN to the binary's path; tests GTEST_SKIP() when it is unset.

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

extern char** environ;

namespace incidentmap::testing {

struct CliRun {
  int exit_code = -1;  // the exit status, or 128 + signal number when killed by a signal
  std::string out;     // standard output
  std::string err;     // standard error
};

// The incidentmap binary under test (env INCIDENTMAP_BIN), "" when not set.
inline std::string incidentmap_bin() {
  const char* bin = std::getenv("INCIDENTMAP_BIN");
  return bin != nullptr ? std::string(bin) : std::string();
}

namespace detail {

inline std::string temp_file(std::string_view content) {
  const char* tmp = std::getenv("TMPDIR");
  std::string path =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/incidentmap-cli-XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return path;
}

inline std::string slurp_and_remove(const std::string& path) {
  std::string data;
  {
    std::ifstream in(path, std::ios::binary);
    data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  ::unlink(path.c_str());
  return data;
}

}  // namespace detail

// How a child is started, beyond its arguments and standard input.
struct SpawnOptions {
  // Where the child's standard output goes: "" captures it into CliRun::out; otherwise a path
  // opened for writing (e.g. "/dev/full"). Ignored when stdout_fd >= 0.
  std::string stdout_path;
  // An open descriptor to use as the child's standard output (e.g. a pipe's write end); the
  // caller keeps ownership and closes its copy after start.
  int stdout_fd = -1;
  // Start the child with SIGPIPE ignored (inherited through exec), as some supervisors do.
  bool ignore_sigpipe = false;
  // Programs run before the program itself, e.g. {"setpriv", "--reuid=65534", ...}.
  std::vector<std::string> prefix;
};

// A child process started asynchronously, so that a test can signal it mid-run.
//
//   CliProcess child(incidentmap_bin(), {"geoparse", in, "-o", out});
//   ... ::kill(child.pid(), SIGINT); const CliRun run = child.wait();
class CliProcess {
 public:
  // Throws std::runtime_error when the program cannot be started.
  CliProcess(const std::string& program, const std::vector<std::string>& args,
             std::string_view stdin_data = {}, const SpawnOptions& options = {})
      : in_path_(detail::temp_file(stdin_data)),
        out_path_(options.stdout_path.empty() && options.stdout_fd < 0 ? detail::temp_file("")
                                                                       : std::string()),
        err_path_(detail::temp_file("")) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, in_path_.c_str(), O_RDONLY, 0);
    if (options.stdout_fd >= 0) {
      posix_spawn_file_actions_adddup2(&actions, options.stdout_fd, 1);
    } else {
      const std::string& out = out_path_.empty() ? options.stdout_path : out_path_;
      posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_TRUNC, 0);
    }
    posix_spawn_file_actions_addopen(&actions, 2, err_path_.c_str(), O_WRONLY | O_TRUNC, 0);

    std::vector<std::string> argv_strings = options.prefix;
    argv_strings.push_back(program);
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);

    // The disposition of an ignored signal survives exec; the default one is restored at once.
    struct sigaction old_pipe {};
    if (options.ignore_sigpipe) {
      struct sigaction ignore {};
      ignore.sa_handler = SIG_IGN;
      sigemptyset(&ignore.sa_mask);
      ::sigaction(SIGPIPE, &ignore, &old_pipe);
    }
    const int spawn_error = posix_spawnp(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    if (options.ignore_sigpipe) ::sigaction(SIGPIPE, &old_pipe, nullptr);
    posix_spawn_file_actions_destroy(&actions);
    if (spawn_error != 0) {
      pid_ = -1;
      cleanup();
      throw std::runtime_error("cannot start " + argv_strings.front());
    }
  }
  ~CliProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      wait();
    }
    cleanup();
  }
  CliProcess(const CliProcess&) = delete;
  CliProcess& operator=(const CliProcess&) = delete;

  pid_t pid() const { return pid_; }

  // Waits for the child to end; returns its exit code and captured streams. Call once.
  CliRun wait() {
    CliRun run;
    int status = 0;
    pid_t waited = -1;
    do {
      waited = ::waitpid(pid_, &status, 0);
    } while (waited < 0 && errno == EINTR);
    pid_ = -1;
    if (waited >= 0) {
      run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    if (!out_path_.empty()) run.out = detail::slurp_and_remove(out_path_);
    run.err = detail::slurp_and_remove(err_path_);
    out_path_.clear();
    err_path_.clear();
    return run;
  }

 private:
  void cleanup() {
    for (const std::string* p : {&in_path_, &out_path_, &err_path_})
      if (!p->empty()) ::unlink(p->c_str());
  }

  std::string in_path_, out_path_, err_path_;
  pid_t pid_ = -1;
};

// Runs `program` (a path, or a name looked up in PATH) with `args` (argv[1...]); `stdin_data`
// is its standard input. Throws std::runtime_error when the program cannot be started.
inline CliRun run_program(const std::string& program, const std::vector<std::string>& args,
                          std::string_view stdin_data = {}, const SpawnOptions& options = {}) {
  return CliProcess(program, args, stdin_data, options).wait();
}

// Runs the incidentmap binary under test. Precondition: incidentmap_bin() is not empty.
inline CliRun run_cli(const std::vector<std::string>& args, std::string_view stdin_data = {},
                      const SpawnOptions& options = {}) {
  return run_program(incidentmap_bin(), args, stdin_data, options);
}

}  // namespace incidentmap::testing
