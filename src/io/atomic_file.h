#pragma once
// Writing output files so that readers (QGIS, a later run) never see a half-written file: data
// goes to a temporary file in the target's directory, which replaces the target by rename(2)
// only once everything was written and synced. A failed run leaves the old file untouched.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "src/output/output_error.h"

namespace incidentmap {

// Buffered writes to an open file descriptor, with every error turned into an OutputError
// (short writes and EINTR are retried). Does not own the descriptor.
class FdWriter {
 public:
  // `name` is used in messages ("<stdout>" for standard output).
  FdWriter(int fd, std::string name);
  // Flushes what is buffered; errors at this point are lost, so call flush() first.
  ~FdWriter();
  FdWriter(const FdWriter&) = delete;
  FdWriter& operator=(const FdWriter&) = delete;

  void write(std::string_view data);
  // Writes out the buffer. Throws OutputError.
  void flush();
  // Bytes handed to the descriptor so far (not those still buffered).
  std::uint64_t bytes_written() const { return written_; }

 private:
  void write_all(const char* data, std::size_t size);

  int fd_;
  std::string name_;
  std::string buffer_;
  std::uint64_t written_ = 0;
};

class AtomicFile {
 public:
  // Creates a temporary file ".<name>.XXXXXX" beside `path` (mkstemp). Throws OutputError when
  // it cannot (missing folder, no permission, read-only file system).
  // An existing target that is not a regular file (a device such as /dev/null or /dev/full, a
  // FIFO, /dev/stdout) cannot be replaced by a rename and must not be: it is opened and written
  // in place instead, and commit() only flushes and closes it.
  explicit AtomicFile(std::string path);
  // Without commit(), closes and removes the temporary file; the target stays as it was.
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Appends to the temporary file. Throws OutputError (e.g. ENOSPC). Every few MiB written,
  // asks the kernel to start writing them to disk (Linux sync_file_range, without waiting), so
  // that commit()'s fsync finds most of a large file already written instead of writing all of
  // it while the run waits.
  void write(std::string_view data);

  // Writes out the buffer and asks the kernel to start writing everything written so far to
  // disk, without waiting (Linux; nothing elsewhere or for targets written in place): for a
  // file complete well before its commit, whose fsync then finds little left to write.
  // Throws OutputError as write() does.
  void start_writeback();

  // Flushes, fsyncs, gives the file the usual permissions (0666 minus the umask, as a plain
  // open would), and renames it over the target path, then fsyncs the directory. Throws
  // OutputError; the temporary file is then removed and the target left as it was.
  // Precondition: not committed yet.
  void commit();

  // commit() for several files at once: their data is synced concurrently (the file system can
  // then make them durable in one journal commit instead of one each), then each is renamed
  // into place, then each folder holding them is synced once. On an error the files not yet
  // renamed are discarded and OutputError is thrown; earlier renames stay.
  static void commit_all(const std::vector<AtomicFile*>& files);

  const std::string& path() const { return path_; }
  // The temporary file's path (for messages and tests); "" once committed or discarded, and
  // for targets written in place. Not for libraries that create files by name (GDAL drivers
  // refuse an existing file).
  const std::string& temp_path() const { return temp_path_; }

 private:
  void discard() noexcept;
  // Asks for the bytes written since the last request to be written to disk, once there are at
  // least `min_bytes` of them.
  void request_writeback(std::uint64_t min_bytes);
  // The two halves of commit(): flush and fsync; then permissions, close and rename.
  void sync_data();
  void move_into_place();

  std::string path_;
  std::string temp_path_;
  int fd_ = -1;
  std::unique_ptr<FdWriter> writer_;
  bool committed_ = false;
  bool in_place_ = false;        // the target is a device or FIFO, written directly
  std::uint64_t writeback_ = 0;  // bytes whose writing to disk was started
};

// Writes `content` to `path` atomically (AtomicFile + commit). Throws OutputError.
void write_file_atomically(const std::string& path, std::string_view content);

// Writes `content` to standard output and flushes it, throwing OutputError when the output
// cannot take it (a closed pipe with SIGPIPE ignored, a full disk, /dev/full).
void write_stdout(std::string_view content);

}  // namespace incidentmap
