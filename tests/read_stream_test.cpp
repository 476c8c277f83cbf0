#include "src/io/read_stream.h"

#include <gtest/gtest.h>

#include "tests/temp_dir.h"
#include "tests/thrown_message.h"

namespace incidentmap {
namespace {

using testing::TempDir;
using testing::thrown_message;

// All lines of a stream as "<number>:<text>" or "<number>:overlong <bytes>", one a line.
std::string lines_of(ReadStream& stream, std::size_t max_line_bytes) {
  std::string out;
  std::string line;
  std::size_t overlong = 0;
  while (stream.read_line(line, max_line_bytes, &overlong)) {
    out += std::to_string(stream.line_number()) + ":" +
           (overlong != 0 ? "overlong " + std::to_string(overlong) : line) + "\n";
  }
  return out;
}

struct LinesCase {
  const char* name;
  std::string file;  // name; ".gz" names are compressed
  std::string content;
  std::size_t max_line_bytes;
  std::string expected;
};

void PrintTo(const LinesCase& c, std::ostream* os) { *os << c.name; }

class ReadStreamLinesTest : public ::testing::TestWithParam<LinesCase> {};

TEST_P(ReadStreamLinesTest, SplitsLines) {
  TempDir dir;
  ReadStream stream(dir.write(GetParam().file, GetParam().content));
  EXPECT_EQ(lines_of(stream, GetParam().max_line_bytes), GetParam().expected);
  EXPECT_EQ(stream.bytes_read(), GetParam().content.size());
  EXPECT_FALSE(stream.truncated());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ReadStreamLinesTest,
    ::testing::Values(LinesCase{"Plain", "a.txt", "one\ntwo\n", 100, "1:one\n2:two\n"},
                      LinesCase{"NoFinalNewline", "a.txt", "one\ntwo", 100, "1:one\n2:two\n"},
                      LinesCase{"CrLf", "a.txt", "one\r\n\r\ntwo\r", 100, "1:one\n2:\n3:two\n"},
                      LinesCase{"Empty", "a.txt", "", 100, ""},
                      LinesCase{"OverlongLineIsMeasuredNotKept", "a.txt", "short\n0123456789\nend",
                                5, "1:short\n2:overlong 10\n3:end\n"},
                      LinesCase{"Gzip", "a.txt.gz", "zipped\nlines\n", 100, "1:zipped\n2:lines\n"},
                      LinesCase{"LongerThanTheChunk", "a.txt", std::string(3u << 20, 'x') + "\ny",
                                4u << 20, "1:" + std::string(3u << 20, 'x') + "\n2:y\n"}),
    [](const auto& test) { return std::string(test.param.name); });

TEST(ReadStream, PeekDoesNotConsume) {
  TempDir dir;
  ReadStream stream(dir.write("a.txt.gz", "abcdef"));
  EXPECT_EQ(stream.peek(3), "abc");
  EXPECT_EQ(stream.peek(100), "abcdef");
  std::string out;
  EXPECT_EQ(stream.read(out, 4), 4u);
  EXPECT_EQ(stream.read(out, 100), 2u);
  EXPECT_EQ(stream.read(out, 100), 0u);
  EXPECT_EQ(out, "abcdef");
}

TEST(ReadStream, TruncatedGzipKeepsWhatWasThere) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 5000; ++i) text += std::to_string(i) + " ";
  dir.write("full.gz", text);
  const std::string packed = dir.read("full.gz");
  const std::string cut = dir.write("cut.bin", packed.substr(0, packed.size() - 10));
  ReadStream stream(cut);
  std::string out;
  stream.read(out, 1u << 20);
  EXPECT_TRUE(stream.truncated());
  EXPECT_GT(out.size(), 0u);
  EXPECT_TRUE(text.starts_with(out));
}

TEST(ReadStream, Errors) {
  EXPECT_EQ(thrown_message<InputError>([] { ReadStream stream("/nonexistent/x.txt"); }),
            "/nonexistent/x.txt: cannot open: No such file or directory");
  TempDir dir;
  ReadStream folder(dir.path());
  std::string out;
  EXPECT_EQ(thrown_message<InputError>([&] { folder.read(out, 10); }),
            dir.path() + ": cannot read: Is a directory");
  const InputError error("in.txt", "cannot read: Input/output error");
  EXPECT_EQ(error.input(), "in.txt");
  EXPECT_EQ(error.reason(), "cannot read: Input/output error");
  EXPECT_EQ(input_display_name("-"), "<stdin>");
}

}  // namespace
}  // namespace incidentmap
