#include "src/output/gdal_writer.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>

#include "src/gis/gis_module.h"
#include "src/io/atomic_file.h"
#include "src/output/gdal_dataset.h"
#include "src/output/geojson_writer.h"
#include "src/output/style.h"

namespace incidentmap {

namespace fs = std::filesystem;

namespace {

constexpr const char* kLayerPlaceholder = "{layer}";

// A directory beside the destination that receives every file of one run. commit() renames
// its entries into the destination directory; otherwise the destructor deletes it, so a
// failed run leaves nothing behind.
class StagingDir {
 public:
  explicit StagingDir(const fs::path& destination_dir) : destination_(destination_dir) {
    static std::atomic<int> counter{0};
    const fs::path dir = destination_.empty() ? fs::path(".") : destination_;
    path_ =
        dir / (".incidentmap-tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      throw OutputError(dir.string() + ": output directory does not exist");
    }
    if (!fs::create_directory(path_, ec) || ec) {
      throw OutputError(dir.string() + ": cannot create a temporary directory: " +
                        (ec ? ec.message() : std::string("it already exists")));
    }
  }
  ~StagingDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);  // best effort: nothing useful to do if this fails
  }
  StagingDir(const StagingDir&) = delete;
  StagingDir& operator=(const StagingDir&) = delete;

  fs::path file(const fs::path& final_path) const { return path_ / final_path.filename(); }

  // Renames every staged file into place (sorted by name, so the order is reproducible).
  void commit() {
    std::set<fs::path> entries;
    for (const auto& e : fs::directory_iterator(path_)) entries.insert(e.path());
    const fs::path dir = destination_.empty() ? fs::path(".") : destination_;
    for (const fs::path& from : entries) {
      std::error_code ec;
      fs::rename(from, dir / from.filename(), ec);
      if (ec) {
        throw OutputError((dir / from.filename()).string() +
                          ": cannot move into place: " + ec.message());
      }
    }
  }

 private:
  fs::path destination_;
  fs::path path_;
};

// Refuses to replace anything but a regular file, and a regular file unless overwriting.
void check_destination(const std::string& path, bool overwrite) {
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(path, ec);
  if (!fs::exists(st)) return;
  if (!fs::is_regular_file(st)) {
    throw OutputError(path + ": exists and is not a regular file; not replacing it");
  }
  if (!overwrite) throw OutputError(path + ": already exists (use -overwrite to replace it)");
}

// Files CSV writes beside a layer's data file: .csvt (column types) and .prj (the CRS; GDAL
// writes it for attribute-only layers too), which GDAL and QGIS read to type the columns and
// place the points.
std::vector<std::string> csv_sidecars(const std::string& data_path) {
  return {fs::path(data_path).replace_extension(".csvt").string(),
          fs::path(data_path).replace_extension(".prj").string()};
}

// Runs `write`, rethrowing AtomicFile's errors ("cannot write PATH: reason") in the form of
// every other write_layers error: "PATH: cannot write: reason".
template <class Write>
void with_path_in_errors(const std::string& path, Write&& write) {
  try {
    write();
  } catch (const OutputError& e) {
    std::string what = e.what();
    if (const std::size_t at = what.find(" " + path + ":"); at != std::string::npos) {
      what.erase(at, path.size() + 1);
    }
    throw OutputError(path + ": " + what);
  }
}

}  // namespace

void write_text_file(const fs::path& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) throw OutputError(path.string() + ": " + std::strerror(errno));
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const int saved = errno;
  if (std::fclose(f) != 0 || !written) {
    throw OutputError(path.string() + ": cannot write: " + std::strerror(written ? errno : saved));
  }
}

std::vector<std::string> plan_layer_paths(const std::vector<Layer>& layers,
                                          const OutputSpec& spec) {
  const FormatTraits& format = traits(spec.format);
  if (spec.path.empty()) throw OutputError("no output path given");
  if (format.multi_layer) return std::vector<std::string>(layers.size(), spec.path);

  std::vector<std::string> paths;
  const fs::path path(spec.path);
  std::error_code ec;
  if (spec.path.find(kLayerPlaceholder) != std::string::npos) {
    if (path.parent_path().string().find(kLayerPlaceholder) != std::string::npos) {
      throw OutputError(spec.path + ": {layer} may only appear in the file name");
    }
    for (const Layer& layer : layers) {
      std::string name = path.filename().string();
      for (std::size_t at; (at = name.find(kLayerPlaceholder)) != std::string::npos;) {
        name.replace(at, std::strlen(kLayerPlaceholder), layer.name);
      }
      paths.push_back((path.parent_path() / name).string());
    }
  } else if (spec.path.back() == '/' || fs::is_directory(path, ec)) {
    for (const Layer& layer : layers) {
      paths.push_back((path / (layer.name + std::string(format.extension))).string());
    }
  } else {
    const std::string ext = path.extension().string();
    for (std::size_t i = 0; i < layers.size(); ++i) {
      paths.push_back(
          i == 0 ? spec.path
                 : (path.parent_path() / (path.stem().string() + "_" + layers[i].name + ext))
                       .string());
    }
  }
  std::set<std::string> unique(paths.begin(), paths.end());
  if (unique.size() != paths.size()) {
    throw OutputError(spec.path + ": several layers would be written to the same file");
  }
  return paths;
}

std::string style_path_for(const std::string& data_path) {
  return fs::path(data_path).replace_extension(".qml").string();
}

UtcDateTime effective_timestamp(const OutputSpec& spec) {
  if (spec.timestamp) return *spec.timestamp;
  long long seconds = 0;
  if (const char* env = std::getenv("SOURCE_DATE_EPOCH"); env != nullptr && *env != '\0') {
    char* end = nullptr;
    const long long v = std::strtoll(env, &end, 10);
    if (end != nullptr && *end == '\0' && v >= 0 && v < 253402300800LL) seconds = v;
  }
  const long days = static_cast<long>(seconds / 86400);
  const int rest = static_cast<int>(seconds % 86400);
  return {civil_from_days(days), rest / 3600, rest / 60 % 60, rest % 60};
}

WriteResult write_layers(const std::vector<Layer>& layers, const OutputSpec& spec) {
  validate_layers(layers, spec.threads);
  if (spec.format == OutputFormat::PostgreSQL) return gis_module().write_postgis(layers, spec);

  const FormatTraits& format = traits(spec.format);
  // GeoJSON without -t_srs needs nothing from GDAL, so such runs never load the GIS module.
  std::unique_ptr<DatasetWriter> gdal;
  if (!writes_geojson_directly(spec.format) || !spec.t_srs.empty()) {
    gdal = gis_module().make_dataset_writer(spec);
  }
  const std::vector<std::string> paths = plan_layer_paths(layers, spec);
  const UtcDateTime when = effective_timestamp(spec);

  // Group layers by destination file, keeping the layer order.
  std::vector<std::pair<std::string, std::vector<const Layer*>>> datasets;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    if (datasets.empty() || datasets.back().first != paths[i]) datasets.push_back({paths[i], {}});
    datasets.back().second.push_back(&layers[i]);
  }
  std::vector<std::string> styles;  // sidecar .qml files, parallel to datasets ("" = none)
  std::vector<std::vector<std::string>> sidecars;  // other files beside each dataset
  for (const auto& [path, members] : datasets) {
    check_destination(path, spec.overwrite);
    sidecars.push_back(format.format == OutputFormat::CSV ? csv_sidecars(path)
                                                          : std::vector<std::string>{});
    for (const std::string& sidecar : sidecars.back()) check_destination(sidecar, spec.overwrite);
    const bool sidecar = !format.multi_layer && members.front()->style.has_value();
    styles.push_back(sidecar ? style_path_for(path) : std::string());
    if (sidecar) check_destination(styles.back(), spec.overwrite);
  }

  WriteResult result;
  StagingDir staging(fs::path(datasets.front().first).parent_path());
  // GeoJSON and GeoJSONSeq are written without GDAL, each file through its own AtomicFile
  // committed only once every file of the run is complete. Counting the features while
  // writing replaces GDAL's read-back: AtomicFile reports every failed write and fsync.
  std::vector<std::unique_ptr<AtomicFile>> direct;
  for (std::size_t d = 0; d < datasets.size(); ++d) {
    const auto& [path, members] = datasets[d];
    if (writes_geojson_directly(spec.format)) {
      const Layer& layer = *members.front();  // single-layer format: one layer per file
      std::int64_t written = 0;
      with_path_in_errors(path, [&] {
        auto& file = direct.emplace_back(std::make_unique<AtomicFile>(path));
        written =
            write_geojson(layer, spec.format, wants_record_separator(path), *file, spec.threads);
      });
      if (written != static_cast<std::int64_t>(layer.features.size())) {
        throw OutputError(path + ": layer '" + layer.name + "' wrote " + std::to_string(written) +
                          " features instead of " + std::to_string(layer.features.size()));
      }
    } else {
      gdal->write(staging.file(path), path, members, when, result);
    }
    result.files.push_back(path);
    result.files.insert(result.files.end(), sidecars[d].begin(), sidecars[d].end());
  }
  for (std::size_t d = 0; d < datasets.size(); ++d) {
    if (styles[d].empty()) continue;
    write_text_file(staging.file(styles[d]), to_qml(*datasets[d].second.front()->style));
    result.files.push_back(styles[d]);
  }
  // Synced together; an error names its file as the other write_layers errors do.
  std::vector<AtomicFile*> files;
  for (const auto& file : direct) files.push_back(file.get());
  try {
    AtomicFile::commit_all(files);
  } catch (const OutputError& e) {
    const std::string what = e.what();
    for (const AtomicFile* file : files) {
      if (what.find(" " + file->path() + ":") != std::string::npos) {
        with_path_in_errors(file->path(), [] { throw; });
      }
    }
    throw;
  }
  staging.commit();
  return result;
}

}  // namespace incidentmap
