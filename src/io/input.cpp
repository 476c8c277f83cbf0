#include "src/io/input.h"

#include <dirent.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <new>

#include "src/io/jsonl.h"
#include "src/io/read_stream.h"
#include "src/text/utf8.h"

namespace incidentmap {

struct DocumentReader::Pending {
  std::string path;
  std::string id;  // for text files: the document id; for JSONL: the base of generated ids
  bool jsonl = false;
};

struct DocumentReader::State {
  State(const std::string& path_in, std::size_t max_line_bytes, std::string stem_in)
      : reader(path_in, max_line_bytes), path(path_in), stem(std::move(stem_in)) {}
  JsonlReader reader;
  std::string path;
  std::string stem;
  std::int64_t lines = 0;  // non-blank lines read, parsed or not
};

namespace {

constexpr std::size_t kSniffBytes = 8192;
constexpr std::uint64_t kMaxDocumentBytesCap = std::uint64_t{1} << 40;

bool ends_with_ci(const std::string& s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<long>(suffix.size()),
                    [](char a, char b) {
                      return std::tolower(static_cast<unsigned char>(a)) ==
                             std::tolower(static_cast<unsigned char>(b));
                    });
}

bool is_jsonl_name(const std::string& path) {
  for (std::string_view ext : {".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"}) {
    if (ends_with_ci(path, ext)) return true;
  }
  return false;
}

// "dir/2023/a.txt.gz" -> "dir/2023/a": drops ".gz" and then one extension of the last part.
std::string strip_extension(std::string path) {
  if (ends_with_ci(path, ".gz")) path.resize(path.size() - 3);
  const std::size_t slash = path.rfind('/');
  const std::size_t dot = path.rfind('.');
  const std::size_t name_start = slash == std::string::npos ? 0 : slash + 1;
  if (dot != std::string::npos && dot > name_start) path.resize(dot);
  return path;
}

std::string base_name(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  const std::size_t slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

// Why the first bytes of a file show it is not UTF-8 text, or nullopt when they look like text.
// Text allows tab, line feed, vertical tab, form feed, carriage return and escape among the C0
// controls; random or compressed bytes have about 10% other controls, so 5% marks binary data
// while a few stray NUL bytes in a text (which are replaced) do not.
std::optional<std::string> binary_reason(std::string_view head) {
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) {
    return "UTF-16 text is not supported; convert the file to UTF-8";
  }
  std::size_t controls = 0;
  for (const char ch : head) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && !(c >= 0x09 && c <= 0x0D) && c != 0x1B) || c == 0x7F) ++controls;
  }
  if (controls * 20 > head.size()) return "binary file";
  return std::nullopt;
}

std::string quote_short(std::string_view s) {
  constexpr std::size_t kMax = 60;
  if (s.size() <= kMax) return "'" + std::string(s) + "'";
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return "'" + std::string(s.substr(0, cut)) + "...'";
}

std::string plural(std::int64_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

}  // namespace

std::string format_issue(const InputIssue& issue) {
  std::string out = input_display_name(issue.input);
  if (issue.line > 0) out += ":" + std::to_string(issue.line);
  out += ": ";
  if (!issue.doc_id.empty()) out += "id " + quote_short(issue.doc_id) + ": ";
  out += issue.severity == IssueSeverity::kWarning ? "warning: " : "skipped: ";
  return out + issue.reason;
}

void InputReport::add(InputIssue issue) {
  ++issue_count_;
  if (issue.severity == IssueSeverity::kWarning) ++warnings;
  if (issues.size() < kMaxStoredIssues) issues.push_back(std::move(issue));
}

std::string InputReport::summary() const {
  std::string out =
      "read " + plural(documents_read, "document") + " from " + plural(inputs_opened, "input");
  if (documents_skipped > 0 || inputs_skipped > 0) {
    out += "; skipped " + plural(documents_skipped, "document");
    if (inputs_skipped > 0) out += ", " + plural(inputs_skipped, "input");
  }
  if (records_skipped > 0) {
    out += "; skipped " + plural(records_skipped, "record") + " inside documents";
  }
  if (warnings > 0) out += "; " + plural(warnings, "warning");
  if (invalid_utf8 > 0) {
    out += "; replaced " + plural(invalid_utf8, "invalid UTF-8 sequence");
  }
  if (nul_bytes > 0) out += "; replaced " + plural(nul_bytes, "NUL byte");
  return out;
}

DocumentReader::DocumentReader(std::vector<std::string> inputs, InputOptions options)
    : inputs_(std::move(inputs)), options_(std::move(options)) {
  if (options_.globs.empty()) options_.globs = InputOptions::default_globs();
  // Keeps the derived line limit (6x + 1 MiB) and "limit + 1" reads from overflowing.
  options_.max_document_bytes = std::min(options_.max_document_bytes, kMaxDocumentBytesCap);
}

DocumentReader::~DocumentReader() = default;

void DocumentReader::issue(const std::string& input, std::int64_t line, const std::string& doc_id,
                           IssueSeverity severity, std::string reason) {
  pending_issues_.push_back({input, line, doc_id, severity, std::move(reason)});
}

void DocumentReader::skip_input(const std::string& input, std::string reason) {
  ++report_.inputs_skipped;
  issue(input, 0, "", IssueSeverity::kSkipped, std::move(reason));
}

bool DocumentReader::next(Document& doc) {
  DocumentItem item;
  while (next_item(item)) {
    prepare_document_item(item);
    if (accept_item(item, doc)) return true;
  }
  flush_pending_issues();
  return false;
}

void DocumentReader::flush_pending_issues() {
  for (InputIssue& i : pending_issues_) report_.add(std::move(i));
  pending_issues_.clear();
}

bool DocumentReader::accept_item(DocumentItem& item, Document& doc) {
  for (InputIssue& i : item.earlier_issues) report_.add(std::move(i));
  for (InputIssue& i : item.issues_before_id) report_.add(std::move(i));
  item.earlier_issues.clear();
  item.issues_before_id.clear();
  if (item.skipped) {
    ++report_.documents_skipped;
    return false;
  }
  const std::string read_id = item.doc.id;
  item.doc.id = unique_id(std::move(item.doc.id), item.path, item.line);
  for (InputIssue& i : item.issues_after_id) {
    if (i.doc_id == read_id) i.doc_id = item.doc.id;
    report_.add(std::move(i));
  }
  item.issues_after_id.clear();
  report_.invalid_utf8 += static_cast<std::int64_t>(item.invalid_utf8);
  report_.nul_bytes += static_cast<std::int64_t>(item.nul_bytes);
  ++report_.documents_read;
  doc = std::move(item.doc);
  return true;
}

bool DocumentReader::next_item(DocumentItem& item) {
  item = DocumentItem{};
  item.max_document_bytes = options_.max_document_bytes;
  while (true) {
    bool found = false;
    if (jsonl_) {
      found = next_jsonl_item(item);
      if (!found) jsonl_.reset();
    } else if (next_pending_ < pending_.size()) {
      const Pending file = pending_[next_pending_++];
      found = start_file(file, item);
    } else if (next_input_ < inputs_.size()) {
      pending_.clear();
      next_pending_ = 0;
      expand(inputs_[next_input_++]);
    } else {
      return false;
    }
    if (found) {
      item.earlier_issues = std::move(pending_issues_);
      pending_issues_.clear();
      return true;
    }
  }
}

void DocumentReader::expand(const std::string& spec) {
  if (spec == "-") {
    if (stdin_used_) {
      skip_input(spec, "standard input given more than once");
      return;
    }
    stdin_used_ = true;
    pending_.push_back({spec, "stdin", true});
    return;
  }
  struct stat st {};
  if (::stat(spec.c_str(), &st) != 0) {
    skip_input(spec, std::string("cannot open: ") + std::strerror(errno));
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    pending_.push_back({spec, base_name(strip_extension(spec)), is_jsonl_name(spec)});
    return;
  }
  std::set<std::pair<std::uint64_t, std::uint64_t>> visited;
  visited.insert({static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)});
  std::string root = spec;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  const std::int64_t skipped_before = report_.inputs_skipped;
  walk(root, "", visited);
  // An unreadable folder was reported as skipped already; "no files" would mislead.
  if (pending_.empty() && report_.inputs_skipped == skipped_before) {
    std::string globs;
    for (const auto& g : options_.globs) globs += (globs.empty() ? "" : " ") + g;
    issue(spec, 0, "", IssueSeverity::kWarning, "folder has no files matching " + globs);
  }
}

void DocumentReader::walk(const std::string& dir, const std::string& rel,
                          std::set<std::pair<std::uint64_t, std::uint64_t>>& visited) {
  DIR* handle = ::opendir(dir.c_str());
  if (handle == nullptr) {
    skip_input(dir, std::string("cannot read folder: ") + std::strerror(errno));
    return;
  }
  std::vector<std::string> names;
  while (const dirent* entry = ::readdir(handle)) {
    if (entry->d_name[0] == '.') continue;  // ".", ".." and hidden entries
    names.emplace_back(entry->d_name);
  }
  ::closedir(handle);
  std::sort(names.begin(), names.end());

  for (const std::string& name : names) {
    const std::string path = dir + "/" + name;
    const std::string child_rel = rel.empty() ? name : rel + "/" + name;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
      skip_input(path, std::string("cannot open: ") + std::strerror(errno));
      continue;
    }
    if (S_ISLNK(st.st_mode)) {
      if (!options_.follow_symlinks) continue;
      if (::stat(path.c_str(), &st) != 0) {
        skip_input(path, std::string("broken symbolic link: ") + std::strerror(errno));
        continue;
      }
    }
    if (S_ISDIR(st.st_mode)) {
      if (!options_.recursive) continue;
      const std::pair<std::uint64_t, std::uint64_t> key{static_cast<std::uint64_t>(st.st_dev),
                                                        static_cast<std::uint64_t>(st.st_ino)};
      if (!visited.insert(key).second) {
        issue(path, 0, "", IssueSeverity::kWarning,
              "folder already visited (symbolic link loop); not read again");
        continue;
      }
      walk(path, child_rel, visited);
      visited.erase(key);
      continue;
    }
    if (!matches(name, child_rel)) continue;
    if (!S_ISREG(st.st_mode)) {
      // Pipes, sockets and devices could block or never end; only named inputs may be those.
      issue(path, 0, "", IssueSeverity::kWarning, "not a regular file; not read");
      continue;
    }
    pending_.push_back({path, strip_extension(child_rel), is_jsonl_name(name)});
  }
}

bool DocumentReader::matches(const std::string& name, const std::string& rel) const {
  for (const std::string& glob : options_.globs) {
    const bool with_path = glob.find('/') != std::string::npos;
    if (::fnmatch(glob.c_str(), with_path ? rel.c_str() : name.c_str(), 0) == 0) return true;
  }
  return false;
}

bool DocumentReader::start_file(const Pending& file, DocumentItem& item) {
  if (file.jsonl) {
    try {
      const std::size_t max_line =
          static_cast<std::size_t>(options_.max_document_bytes) * 6 + (std::size_t{1} << 20);
      jsonl_ = std::make_unique<State>(file.path, max_line, file.id);
      ++report_.inputs_opened;
      if (auto why = binary_reason(jsonl_->reader.stream().peek(kSniffBytes))) {
        report_.bytes_read += jsonl_->reader.stream().bytes_read();
        jsonl_.reset();
        skip_input(file.path, *why);
        return false;
      }
    } catch (const InputError& e) {
      jsonl_.reset();
      skip_input(file.path, e.reason());
      return false;
    }
    return false;  // next_item reads its lines, and closes it once at their end
  }

  std::string text;
  bool truncated = false;
  std::uint64_t bytes = 0;
  try {
    ReadStream stream(file.path);
    ++report_.inputs_opened;
    const auto why = binary_reason(stream.peek(kSniffBytes));
    if (!why) stream.read(text, static_cast<std::size_t>(options_.max_document_bytes) + 1);
    bytes = stream.bytes_read();
    truncated = stream.truncated();
    if (why) {
      report_.bytes_read += bytes;
      ++report_.documents_skipped;
      issue(file.path, 0, file.id, IssueSeverity::kSkipped, *why);
      return false;
    }
  } catch (const InputError& e) {
    ++report_.documents_skipped;
    issue(file.path, 0, file.id, IssueSeverity::kSkipped, e.reason());
    return false;
  }
  report_.bytes_read += bytes;
  if (text.size() > options_.max_document_bytes) {
    ++report_.documents_skipped;
    issue(file.path, 0, file.id, IssueSeverity::kSkipped,
          "text is longer than the limit of " + std::to_string(options_.max_document_bytes) +
              " bytes");
    return false;
  }
  item.path = file.path;
  item.doc.id = file.id;
  item.doc.input = file.path;
  if (truncated) {
    item.issues_after_id.push_back({file.path, 0, item.doc.id, IssueSeverity::kWarning,
                                    "gzip data ends early (truncated file); kept the " +
                                        std::to_string(text.size()) + " bytes before the cut"});
  }
  item.raw = std::move(text);
  return true;
}

namespace {

// Moves the text in after UTF-8 repair; notes repairs and empty text as issues of the item.
// `valid_but_nul`: the text is known to be valid UTF-8 apart from NUL bytes (a string that
// parse_jsonl_line decoded), so only those are looked for.
void finish_text(DocumentItem& item, std::string&& text, std::size_t invalid_utf8,
                 std::size_t nul_bytes, bool valid_but_nul) {
  Document& doc = item.doc;
  const auto note = [&](std::string reason) {
    item.issues_after_id.push_back(
        {item.path, item.line, doc.id, IssueSeverity::kWarning, std::move(reason)});
  };
  if (valid_but_nul ? std::memchr(text.data(), '\0', text.size()) != nullptr
                    : !utf8::is_valid(text)) {
    utf8::RepairStats stats;
    text = utf8::repair(text, &stats);
    invalid_utf8 += stats.invalid_sequences;
    nul_bytes += stats.nul_bytes;
  }
  doc.text = std::move(text);
  item.invalid_utf8 = invalid_utf8;
  item.nul_bytes = nul_bytes;
  if (invalid_utf8 > 0) {
    std::string reason = "replaced " +
                         plural(static_cast<std::int64_t>(invalid_utf8), "invalid UTF-8 sequence") +
                         " with U+FFFD";
    // Text in a legacy encoding (Latin-1, Windows-1252...) is the usual cause of many.
    if (invalid_utf8 * 100 > doc.text.size()) reason += " (is the input in another encoding?)";
    note(std::move(reason));
  }
  if (nul_bytes > 0) {
    note("replaced " + plural(static_cast<std::int64_t>(nul_bytes), "NUL byte") + " with spaces");
  }
  if (doc.text.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
    note("empty text; kept as an empty document");
  }
}

// The document of one JSONL line, or item.skipped with the reason.
void prepare_line(DocumentItem& item, JsonlLine& line) {
  const std::string& path = item.path;
  const auto skip = [&](const std::string& id, std::string reason) {
    item.skipped = true;
    item.issues_before_id.push_back(
        {path, line.line, id, IssueSeverity::kSkipped, std::move(reason)});
  };
  if (!line.error.empty()) {
    skip("", line.error);
    return;
  }
  if (!line.value.is_object()) {
    skip("", std::string("not a JSON object but ") + line.value.type_name());
    return;
  }
  nlohmann::json& obj = line.value;
  const std::string generated = item.stem + ":" + std::to_string(line.line);
  std::string id;
  std::string id_problem;
  const char* id_key = obj.contains("id") ? "id" : "doc_id";
  if (auto it = obj.find(id_key); it == obj.end()) {
    id_problem = "no id field";
  } else if (std::optional<std::string> s = json_id_string(*it)) {
    id = std::move(*s);
    if (id.empty()) id_problem = "empty id";
  } else {
    id_problem = std::string(id_key) + " is " + it->type_name() + ", not a string or number";
  }

  const auto text_it = obj.find("text");
  std::string skip_reason;
  if (text_it == obj.end()) {
    skip_reason = "no text field";
  } else if (!text_it->is_string()) {
    skip_reason = std::string("text is ") + text_it->type_name() + ", not a string";
  } else if (text_it->get_ref<const std::string&>().size() > item.max_document_bytes) {
    skip_reason =
        "text is longer than the limit of " + std::to_string(item.max_document_bytes) + " bytes";
  }
  if (!skip_reason.empty()) {
    skip(id, std::move(skip_reason));
    return;
  }

  Document& doc = item.doc;
  if (!id_problem.empty()) {
    item.issues_before_id.push_back({path, line.line, generated, IssueSeverity::kWarning,
                                     id_problem + "; using the id '" + generated + "'"});
    id = generated;
  }
  doc.id = std::move(id);
  doc.input = input_display_name(path) + ":" + std::to_string(line.line);
  const auto note = [&](std::string reason) {
    item.issues_after_id.push_back(
        {path, line.line, doc.id, IssueSeverity::kWarning, std::move(reason)});
  };

  if (const auto it = obj.find("date"); it != obj.end() && !it->is_null()) {
    if (!it->is_string()) {
      note(std::string("date is ") + it->type_name() + ", not a string; date unknown");
    } else if (const std::string& date = it->get_ref<const std::string&>(); !date.empty()) {
      doc.date = parse_iso_date(date);
      if (!doc.date) note("date " + quote_short(date) + " is not a YYYY-MM-DD date; date unknown");
    }
  }
  for (auto [key, field] : {std::pair<const char*, std::string*>{"source", &doc.source},
                            std::pair<const char*, std::string*>{"url", &doc.url}}) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) continue;
    if (it->is_string()) {
      *field = it->get<std::string>();
    } else {
      note(std::string(key) + " is " + it->type_name() + ", not a string; ignored");
    }
  }
  if (line.lone_surrogates > 0) {
    note("replaced " +
         plural(static_cast<std::int64_t>(line.lone_surrogates), "unpaired surrogate escape") +
         " with U+FFFD");
  }
  finish_text(item, std::move(text_it->get_ref<std::string&>()), line.invalid_utf8, line.nul_bytes,
              true);
}

}  // namespace

void prepare_document_item(DocumentItem& item) {
  if (item.prepared) return;
  if (!item.jsonl) {
    std::string text = std::move(item.raw);
    item.raw.clear();
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    finish_text(item, std::move(text), 0, 0, false);
  } else {
    JsonlLine line;
    line.line = item.line;
    line.error = std::move(item.line_error);
    line.raw = std::move(item.raw);
    item.raw.clear();
    parse_jsonl_line(line);
    prepare_line(item, line);
  }
  item.prepared = true;  // last: an item left half-done by std::bad_alloc is not prepared
}

bool DocumentReader::next_jsonl_item(DocumentItem& item) {
  State& state = *jsonl_;
  JsonlLine line;
  try {
    if (state.reader.next_raw(line)) {
      ++state.lines;
      item.jsonl = true;
      item.path = state.path;
      item.stem = state.stem;
      item.line = line.line;
      item.raw = std::move(line.raw);
      item.line_error = std::move(line.error);
      return true;
    }
  } catch (const InputError& e) {
    ++report_.inputs_skipped;
    issue(state.path, state.reader.stream().line_number() + 1, "", IssueSeverity::kSkipped,
          e.reason() + "; the rest of the input was not read");
    state.lines = -1;  // reported; not "empty"
  }
  report_.bytes_read += state.reader.stream().bytes_read();
  if (state.lines == 0 && !state.reader.stream().truncated()) {
    issue(state.path, 0, "", IssueSeverity::kWarning, "no documents (empty input)");
  }
  if (state.reader.stream().truncated()) {
    issue(state.path, 0, "", IssueSeverity::kWarning,
          "gzip data ends early (truncated file); read the lines before the cut");
  }
  return false;
}

std::string DocumentReader::unique_id(std::string id, const std::string& input, std::int64_t line) {
  if (ids_.insert(id).second) return id;
  int& suffix = next_suffix_.try_emplace(id, 2).first->second;
  std::string renamed;
  do {
    renamed = id + "#" + std::to_string(suffix++);
  } while (!ids_.insert(renamed).second);
  ++report_.renamed_duplicates;
  report_.add({input, line, renamed, IssueSeverity::kWarning,
               "id " + quote_short(id) + " was already used; kept as " + quote_short(renamed)});
  return renamed;
}

InputReport read_documents(const std::vector<std::string>& inputs, const InputOptions& options,
                           const std::function<void(Document&&)>& on_document) {
  DocumentReader reader(inputs, options);
  Document doc;
  while (reader.next(doc)) on_document(std::move(doc));
  return reader.report();
}

}  // namespace incidentmap
