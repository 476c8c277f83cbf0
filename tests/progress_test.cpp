#include "src/batch/progress.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace incidentmap {
namespace {

using namespace std::chrono_literals;

struct LineCase {
  std::uint64_t documents;
  std::uint64_t bytes;
  double elapsed_s;
  std::optional<std::uint64_t> total_bytes;
  const char* expected;
};

class ProgressLineTest : public ::testing::TestWithParam<LineCase> {};

TEST_P(ProgressLineTest, Formats) {
  const LineCase& c = GetParam();
  EXPECT_EQ(format_progress_line(c.documents, c.bytes, c.elapsed_s, c.total_bytes), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ProgressLineTest,
    ::testing::Values(
        LineCase{0, 0, 0.0, std::nullopt, "0 docs  0.0 MB"},
        LineCase{1, 2500, 0.0, std::nullopt, "1 doc  0.0 MB"},
        LineCase{1204, 38'200'000, 3.0, 120'000'000,
                 "1,204 docs  38.2/120.0 MB (31%)  12.7 MB/s  ETA 0:06"},
        LineCase{1234567, 5'000'000'000, 100.0, std::nullopt,
                 "1,234,567 docs  5000.0 MB  50.0 MB/s"},
        LineCase{10, 1'000'000, 1.0, 4'000'000'000,
                 "10 docs  1.0/4000.0 MB (0%)  1.0 MB/s  ETA "
                 "1:06:39"},
        LineCase{10, 0, 2.0, 4'000'000, "10 docs  0.0/4.0 MB (0%)  0.0 MB/s"},
        // Bytes beyond the announced total (a file grew while read): capped at 100%, ETA 0.
        LineCase{3, 5'000'000, 1.0, 4'000'000, "3 docs  5.0/4.0 MB (100%)  5.0 MB/s  ETA 0:00"},
        LineCase{0, 0, 0.0, 0, "0 docs  0.0/0.0 MB"}));

// A clock the test moves by hand.
struct FakeClock {
  std::chrono::steady_clock::time_point now{};
  Progress::Clock fn() {
    return [this] { return now; };
  }
};

TEST(Progress, RedrawsAtMostFiveTimesASecondAndClearsAtTheEnd) {
  std::ostringstream out;
  FakeClock clock;
  {
    Progress progress(out, true, 3'000'000, clock.fn());
    clock.now += 1s;
    progress.add(1, 1'000'000);  // first update draws at once
    clock.now += 100ms;
    progress.add(1, 500'000);  // too soon
    clock.now += 100ms;
    progress.add(1, 500'000);  // 200 ms after the first drawing
    progress.finish();
    progress.add(1, 1);  // after finish: counted, not drawn
    EXPECT_EQ(progress.documents(), 4u);
    EXPECT_EQ(progress.bytes(), 2'000'001u);
  }
  const std::string first = "1 doc  1.0/3.0 MB (33%)  1.0 MB/s  ETA 0:02";
  const std::string second = "3 docs  2.0/3.0 MB (66%)  1.7 MB/s  ETA 0:01";
  EXPECT_EQ(out.str(), "\r" + first + "\r" + second + "\r" +
                           std::string(std::max(first.size(), second.size()), ' ') + "\r");
}

TEST(Progress, AShorterLineCoversTheLongerOne) {
  std::ostringstream out;
  FakeClock clock;
  Progress progress(out, true, std::nullopt, clock.fn(), 0ms);
  clock.now += 1s;
  progress.add(1, 123'456'789);  // "1 doc  123.5 MB  123.5 MB/s"
  clock.now += 99s;
  progress.add(1, 0);  // "2 docs  123.5 MB  1.2 MB/s": one character shorter
  EXPECT_EQ(out.str(), "\r1 doc  123.5 MB  123.5 MB/s\r2 docs  123.5 MB  1.2 MB/s ");
}

TEST(Progress, DisabledWritesNothing) {
  std::ostringstream out;
  {
    Progress progress(out, false, 100);
    progress.add(5, 100);
    progress.finish();
    EXPECT_EQ(progress.documents(), 5u);
  }
  EXPECT_EQ(out.str(), "");
}

TEST(Progress, DestructorErasesAnUnfinishedLine) {
  std::ostringstream out;
  FakeClock clock;
  {
    Progress progress(out, true, std::nullopt, clock.fn());
    progress.add(2, 0);
  }
  EXPECT_EQ(out.str(), "\r2 docs  0.0 MB\r              \r");
}

TEST(Progress, WantedOnlyOnATerminalAndNotQuiet) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  EXPECT_FALSE(progress_wanted(fds[1], false));  // a pipe is not a terminal
  EXPECT_FALSE(progress_wanted(fds[1], true));
  close(fds[0]);
  close(fds[1]);
}

TEST(Progress, TotalInputBytes) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("incidentmap_progress_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string a = (dir / "a.jsonl").string(), b = (dir / "b.jsonl").string();
  std::ofstream(a) << "0123456789";
  std::ofstream(b) << "abc";
  EXPECT_EQ(total_input_bytes({a, b}), 13u);
  EXPECT_EQ(total_input_bytes({}), 0u);
  EXPECT_EQ(total_input_bytes({a, "-"}), std::nullopt);
  EXPECT_EQ(total_input_bytes({(dir / "missing").string()}), std::nullopt);
  EXPECT_EQ(total_input_bytes({dir.string()}), std::nullopt);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace incidentmap
