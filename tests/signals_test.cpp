#include "src/batch/signals.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

namespace incidentmap {
namespace {

class SignalsTest : public ::testing::TestWithParam<int> {
 protected:
  void TearDown() override { remove_stop_handlers(); }
};

TEST_P(SignalsTest, FirstSignalOnlySetsTheFlag) {
  const int signal_number = GetParam();
  install_stop_handlers();
  EXPECT_FALSE(stop_flag().load());
  EXPECT_EQ(stop_signal(), 0);
  ASSERT_EQ(std::raise(signal_number), 0);
  EXPECT_TRUE(stop_flag().load());
  EXPECT_EQ(stop_signal(), signal_number);
}

TEST_P(SignalsTest, SecondSignalEndsTheProcess) {
  const int signal_number = GetParam();
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    install_stop_handlers();
    std::raise(signal_number);
    std::raise(signal_number);
    _exit(0);  // not reached when the second signal kills the process
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), signal_number);
}

INSTANTIATE_TEST_SUITE_P(Signals, SignalsTest, ::testing::Values(SIGINT, SIGTERM));

TEST(Signals, FirstSignalWinsAndRemoveClears) {
  install_stop_handlers();
  std::raise(SIGTERM);
  EXPECT_EQ(stop_signal(), SIGTERM);
  remove_stop_handlers();
  EXPECT_FALSE(stop_flag().load());
  EXPECT_EQ(stop_signal(), 0);
}

TEST(Signals, ExitCodesFollowTheShellConvention) {
  EXPECT_EQ(exit_code_for_signal(SIGINT), 130);
  EXPECT_EQ(exit_code_for_signal(SIGTERM), 143);
}

}  // namespace
}  // namespace incidentmap
