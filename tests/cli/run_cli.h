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

// Runs `program` (a path, or a name looked up in PATH) with `args` (argv[1...]); `stdin_data`
// is its standard input. Throws std::runtime_error when the program cannot be started.
inline CliRun run_program(const std::string& program, const std::vector<std::string>& args,
                          std::string_view stdin_data = {}) {
  const std::string in_path = detail::temp_file(stdin_data);
  const std::string out_path = detail::temp_file("");
  const std::string err_path = detail::temp_file("");

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, in_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_TRUNC, 0);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_TRUNC, 0);

  std::vector<std::string> argv_strings;
  argv_strings.push_back(program);
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  pid_t pid = -1;
  const int spawn_error =
      posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);

  CliRun run;
  if (spawn_error == 0) {
    int status = 0;
    pid_t waited = -1;
    do {
      waited = ::waitpid(pid, &status, 0);
    } while (waited < 0 && errno == EINTR);
    if (waited < 0) {
      run.exit_code = -1;
    } else {
      run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
  }
  ::unlink(in_path.c_str());
  run.out = detail::slurp_and_remove(out_path);
  run.err = detail::slurp_and_remove(err_path);
  if (spawn_error != 0) throw std::runtime_error("cannot start " + program);
  return run;
}

// Runs the incidentmap binary under test. Precondition: incidentmap_bin() is not empty.
inline CliRun run_cli(const std::vector<std::string>& args, std::string_view stdin_data = {}) {
  return run_program(incidentmap_bin(), args, stdin_data);
}

}  // namespace incidentmap::testing
