#include "src/io/atomic_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/temp_dir.h"
#include "tests/thrown_message.h"

namespace incidentmap {
namespace {

using testing::TempDir;
using testing::thrown_message;

std::size_t entries(const std::string& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

TEST(AtomicFile, CommitReplacesTheTarget) {
  TempDir dir;
  dir.write("out.geojson", "old");
  {
    AtomicFile file(dir.path("out.geojson"));
    EXPECT_EQ(std::filesystem::path(file.temp_path()).parent_path(), dir.path());
    file.write("new ");
    file.write(std::string(3u << 20, 'x'));     // more than the buffer
    EXPECT_EQ(dir.read("out.geojson"), "old");  // nothing visible before the commit
    file.commit();
  }
  EXPECT_EQ(dir.read("out.geojson"), "new " + std::string(3u << 20, 'x'));
  EXPECT_EQ(entries(dir.path()), 1u);
  struct stat st {};
  ASSERT_EQ(::stat(dir.path("out.geojson").c_str(), &st), 0);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(st.st_mode & 0777, 0666 & ~mask);
}

TEST(AtomicFile, WithoutCommitTheTargetIsUntouched) {
  TempDir dir;
  dir.write("out.txt", "old");
  {
    AtomicFile file(dir.path("out.txt"));
    file.write("partial");
    EXPECT_EQ(entries(dir.path()), 2u);
  }
  EXPECT_EQ(dir.read("out.txt"), "old");
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(AtomicFile, CommitAllReplacesEveryTarget) {
  TempDir dir;
  dir.write("a.geojson", "old a");
  AtomicFile a(dir.path("a.geojson")), b(dir.path("b.geojson")), c(dir.path("c.json"));
  a.write("new a");
  b.write(std::string(3u << 20, 'b'));
  c.write("new c");
  EXPECT_EQ(entries(dir.path()), 4u);  // the old a and three temporary files
  AtomicFile::commit_all({&a, &b, &c});
  EXPECT_EQ(dir.read("a.geojson"), "new a");
  EXPECT_EQ(dir.read("b.geojson"), std::string(3u << 20, 'b'));
  EXPECT_EQ(dir.read("c.json"), "new c");
  EXPECT_EQ(entries(dir.path()), 3u);
  EXPECT_TRUE(a.temp_path().empty());
  EXPECT_THROW(b.commit(), OutputError);  // committed already
  AtomicFile::commit_all({});
}

// A file whose data cannot be written fails the whole group before any rename.
TEST(AtomicFile, CommitAllRenamesNothingWhenOneFails) {
  if (::access("/dev/full", W_OK) != 0) GTEST_SKIP() << "no /dev/full";
  TempDir dir;
  dir.write("a.geojson", "old a");
  AtomicFile a(dir.path("a.geojson")), full("/dev/full");
  a.write("new a");
  full.write("data");
  EXPECT_EQ(thrown_message<OutputError>([&] {
              AtomicFile::commit_all({&a, &full});
            }),
            "cannot write /dev/full: No space left on device");
  EXPECT_EQ(dir.read("a.geojson"), "old a");
  EXPECT_EQ(entries(dir.path()), 1u);  // the temporary file was removed
}

struct ErrorCase {
  const char* name;
  std::string target;  // relative to the temp folder
  std::string expected_prefix;
  std::string expected_suffix;
};

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

class AtomicFileErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(AtomicFileErrorTest, ThrowsOutputErrorAndLeavesNothingBehind) {
  TempDir dir;
  dir.write("folder/inside.txt", "keep");
  const std::string target = dir.path(GetParam().target);
  EXPECT_EQ(thrown_message<OutputError>([&] { write_file_atomically(target, "data"); }),
            GetParam().expected_prefix + target + GetParam().expected_suffix);
  EXPECT_EQ(entries(dir.path()), 1u);  // only "folder": no temporary file left
  EXPECT_EQ(dir.read("folder/inside.txt"), "keep");
}

INSTANTIATE_TEST_SUITE_P(Cases, AtomicFileErrorTest,
                         ::testing::Values(ErrorCase{"MissingFolder", "missing/out.txt",
                                                     "cannot create a temporary file for ",
                                                     ": No such file or directory"},
                                           ErrorCase{"TargetIsANonEmptyFolder", "folder",
                                                     "cannot replace ", ": Is a directory"}),
                         [](const auto& test) { return std::string(test.param.name); });

TEST(AtomicFile, LargeFileWrittenInBlocksKeepsEveryByte) {
  // Past the point where the writing to disk is started early (every 8 MiB), with blocks that
  // go to the file directly and short ones that are buffered between them.
  TempDir dir;
  std::string expected;
  {
    AtomicFile file(dir.path("big.geojson"));
    for (int i = 0; i < 20; ++i) {
      const std::string block(1u << 20, static_cast<char>('a' + i));
      file.write(block);
      file.write(std::to_string(i) + "\n");
      expected += block + std::to_string(i) + "\n";
    }
    file.commit();
  }
  EXPECT_EQ(dir.read("big.geojson"), expected);
}

TEST(AtomicFile, StartWritebackFlushesTheBufferBeforeTheCommit) {
  TempDir dir;
  dir.write("out.txt", "old");
  AtomicFile file(dir.path("out.txt"));
  file.write("short ");  // buffered until now
  file.start_writeback();
  std::ifstream temp(file.temp_path(), std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(temp), {}), "short ");
  EXPECT_EQ(dir.read("out.txt"), "old");  // still nothing visible before the commit
  file.write("more");
  file.commit();
  EXPECT_EQ(dir.read("out.txt"), "short more");
}

TEST(AtomicFile, StartWritebackOnADeviceWritesInPlace) {
  if (::access("/dev/null", W_OK) != 0) GTEST_SKIP() << "no writable /dev/null";
  AtomicFile file("/dev/null");
  file.write("discarded");
  EXPECT_NO_THROW(file.start_writeback());
  EXPECT_NO_THROW(file.commit());
}

// Writes of these sizes, each filled with its own letter, in this order: short ones are
// buffered, long ones (64 KiB and more) go to the file at once, and the file must hold them in
// the order written either way.
struct WriteSequence {
  const char* name;
  std::vector<std::size_t> sizes;
};

class FdWriterOrderTest : public ::testing::TestWithParam<WriteSequence> {};

TEST_P(FdWriterOrderTest, KeepsTheOrderOfBufferedAndDirectWrites) {
  TempDir dir;
  const std::string path = dir.path("out.txt");
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  ASSERT_GE(fd, 0);
  std::string expected;
  {
    FdWriter writer(fd, path);
    char letter = 'a';
    for (const std::size_t size : GetParam().sizes) {
      const std::string chunk(size, letter++);
      writer.write(chunk);
      expected += chunk;
    }
    writer.flush();
  }
  ::close(fd);
  EXPECT_EQ(dir.read("out.txt"), expected);
}

INSTANTIATE_TEST_SUITE_P(Cases, FdWriterOrderTest,
                         ::testing::Values(WriteSequence{"ShortOnly", {1, 5, 100}},
                                           WriteSequence{"ShortThenDirect", {3, 65536, 2}},
                                           WriteSequence{"JustBelowDirect", {65535, 65535, 1}},
                                           WriteSequence{"DirectOnly", {70000, 1u << 20}},
                                           WriteSequence{
                                               "FillsTheBuffer",
                                               {60000, 60000, 60000, 60000, 60000, 60000, 60000,
                                                60000, 60000, 60000, 60000, 60000, 60000, 60000,
                                                60000, 60000, 60000, 60000}}),
                         [](const auto& test) { return std::string(test.param.name); });

TEST(FdWriter, FailedFlushIsNotRetried) {
  const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  if (fd < 0) GTEST_SKIP() << "no /dev/full";
  FdWriter writer(fd, "/dev/full");
  writer.write("some output");
  EXPECT_THROW(writer.flush(), OutputError);
  EXPECT_NO_THROW(writer.flush());  // the failed block was dropped
  ::close(fd);
}

TEST(FdWriter, FullDeviceReportsNoSpace) {
  const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  if (fd < 0) GTEST_SKIP() << "no /dev/full";
  FdWriter writer(fd, "/dev/full");
  writer.write("some output");
  EXPECT_EQ(thrown_message<OutputError>([&] { writer.flush(); }),
            "cannot write /dev/full: No space left on device");
  ::close(fd);
}

TEST(FdWriter, ClosedDescriptorReportsBadFileDescriptor) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ::close(fds[0]);
  ::close(fds[1]);
  FdWriter small(fds[1], "<stdout>");
  small.write("x");  // buffered: the error shows at the flush
  EXPECT_EQ(thrown_message<OutputError>([&] { small.flush(); }),
            "cannot write <stdout>: Bad file descriptor");
  FdWriter large(fds[1], "out");  // larger than the buffer: written, and failing, at once
  EXPECT_EQ(thrown_message<OutputError>([&] { large.write(std::string(2u << 20, 'x')); }),
            "cannot write out: Bad file descriptor");
}

}  // namespace
}  // namespace incidentmap
