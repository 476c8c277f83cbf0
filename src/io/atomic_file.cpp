#include "src/io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <set>
#include <thread>
#include <vector>

namespace incidentmap {

namespace {

constexpr std::size_t kBufferBytes = std::size_t{1} << 20;
// A temporary file asks for its data to be written to disk each time this much more was written.
constexpr std::uint64_t kWritebackBytes = std::uint64_t{8} << 20;
// Writes at least this long go to the file as they are: copying them into the buffer first
// would only add a pass over their bytes (the GeoJSON writer hands over blocks of ~1 MB).
constexpr std::size_t kDirectBytes = std::size_t{1} << 16;

[[noreturn]] void fail(const std::string& what, const std::string& path, int err) {
  throw OutputError("cannot " + what + " " + path + ": " + std::strerror(err));
}

// The process's umask, read once. umask(2) can only be read by setting it, so this briefly
// sets it to 0; files created by other threads at that instant could get wider permissions.
mode_t process_umask() {
  static const mode_t mask = [] {
    const mode_t m = ::umask(0);
    ::umask(m);
    return m;
  }();
  return mask;
}

}  // namespace

FdWriter::FdWriter(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}

FdWriter::~FdWriter() {
  try {
    flush();
  } catch (const OutputError&) {  // NOLINT(bugprone-empty-catch): documented in the header
  }
}

void FdWriter::write_all(const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd_, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write", name_, errno);
    }
    data += n;
    size -= static_cast<std::size_t>(n);
    written_ += static_cast<std::uint64_t>(n);
  }
}

void FdWriter::write(std::string_view data) {
  if (data.size() >= kDirectBytes) {
    flush();
    write_all(data.data(), data.size());
    return;
  }
  if (buffer_.size() + data.size() > kBufferBytes) flush();
  buffer_.append(data);
}

void FdWriter::flush() {
  if (buffer_.empty()) return;
  // Cleared however the write ends, so that a failed flush is not retried by the destructor;
  // the buffer keeps its capacity for the next block.
  struct ClearAfter {
    std::string& buffer;
    ~ClearAfter() { buffer.clear(); }
  } clear_after{buffer_};
  write_all(buffer_.data(), buffer_.size());
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  struct stat st {};
  if (::stat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) fail("open", path_, errno);
    in_place_ = true;
    writer_ = std::make_unique<FdWriter>(fd_, path_);
    return;
  }
  const std::size_t slash = path_.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path_.substr(0, slash + 1);
  std::string name = slash == std::string::npos ? path_ : path_.substr(slash + 1);
  if (name.empty()) throw OutputError("cannot write " + path_ + ": not a file name");
  // Keeps the temporary name within NAME_MAX (255) for long target names.
  if (name.size() > 200) name.resize(200);
  std::string pattern = (slash == std::string::npos ? std::string() : dir) + "." + name + ".XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  fd_ = ::mkostemp(buf.data(), O_CLOEXEC);
  if (fd_ < 0) fail("create a temporary file for", path_, errno);
  temp_path_ = buf.data();
  writer_ = std::make_unique<FdWriter>(fd_, path_);
}

AtomicFile::~AtomicFile() {
  if (!committed_) discard();
}

void AtomicFile::discard() noexcept {
  writer_.reset();
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
  temp_path_.clear();
}

void AtomicFile::write(std::string_view data) {
  if (!writer_) throw OutputError("cannot write " + path_ + ": file already closed");
  writer_->write(data);
  request_writeback(kWritebackBytes);
}

void AtomicFile::start_writeback() {
  if (!writer_) throw OutputError("cannot write " + path_ + ": file already closed");
  writer_->flush();
  request_writeback(1);
}

void AtomicFile::request_writeback(std::uint64_t min_bytes) {
#ifdef __linux__
  if (in_place_) return;
  const std::uint64_t written = writer_->bytes_written();
  if (written - writeback_ < min_bytes) return;
  // Only a request: an error here shows again at the fsync, which reports it.
  ::sync_file_range(fd_, static_cast<off_t>(writeback_), static_cast<off_t>(written - writeback_),
                    SYNC_FILE_RANGE_WRITE);
  writeback_ = written;
#else
  static_cast<void>(min_bytes);
#endif
}

void AtomicFile::sync_data() {
  if (committed_ || !writer_) throw OutputError("cannot commit " + path_ + ": already closed");
  try {
    writer_->flush();
    writer_.reset();
    if (in_place_) return;
    if (::fsync(fd_) != 0 && errno != EINVAL) fail("write", path_, errno);
  } catch (...) {
    discard();
    throw;
  }
}

void AtomicFile::move_into_place() {
  try {
    if (in_place_) {
      const int fd = fd_;
      fd_ = -1;
      if (::close(fd) != 0 && errno != EINTR) fail("write", path_, errno);
      committed_ = true;
      return;
    }
    if (::fchmod(fd_, 0666 & ~process_umask()) != 0) fail("set permissions of", path_, errno);
    const int fd = fd_;
    fd_ = -1;
    // Network file systems may report write errors only at close.
    if (::close(fd) != 0 && errno != EINTR) fail("write", path_, errno);
    if (::rename(temp_path_.c_str(), path_.c_str()) != 0) fail("replace", path_, errno);
  } catch (...) {
    discard();
    throw;
  }
  temp_path_.clear();
  committed_ = true;
}

namespace {

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash + 1);
}

// Makes renames in `folder` durable. Failure here cannot be undone, and the files are complete,
// so it is not reported.
void sync_folder(const std::string& folder) {
  const int dir_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
}

}  // namespace

void AtomicFile::commit() {
  sync_data();
  move_into_place();
  if (!in_place_) sync_folder(folder_of(path_));
}

void AtomicFile::commit_all(const std::vector<AtomicFile*>& files) {
  // Every file's data is synced, each but the last on a thread of its own, before any rename:
  // the first error leaves every target untouched.
  std::vector<std::exception_ptr> errors(files.size());
  {
    std::vector<std::thread> syncs;
    const auto sync = [&](std::size_t i) {
      try {
        files[i]->sync_data();
      } catch (...) {
        errors[i] = std::current_exception();
      }
    };
    for (std::size_t i = 0; i + 1 < files.size(); ++i) syncs.emplace_back(sync, i);
    if (!files.empty()) sync(files.size() - 1);
    for (std::thread& t : syncs) t.join();
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (errors[i]) {
      for (AtomicFile* file : files) file->discard();
      std::rethrow_exception(errors[i]);
    }
  }
  std::set<std::string> folders;
  for (AtomicFile* file : files) {
    file->move_into_place();
    if (!file->in_place_) folders.insert(folder_of(file->path_));
  }
  for (const std::string& folder : folders) sync_folder(folder);
}

void write_file_atomically(const std::string& path, std::string_view content) {
  AtomicFile file(path);
  file.write(content);
  file.commit();
}

void write_stdout(std::string_view content) {
  std::cout.flush();
  FdWriter out(STDOUT_FILENO, "<stdout>");
  out.write(content);
  out.flush();
}

}  // namespace incidentmap
