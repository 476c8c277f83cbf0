// map_format_from_path (renderer.h) apart from the renderer, which lives in the GIS module:
// the CLI checks the map path before any work, without loading cairo.

#include <cctype>
#include <string>

#include "src/render/renderer.h"

namespace incidentmap {

MapFormat map_format_from_path(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".png") return MapFormat::kPng;
  if (ext == ".svg") return MapFormat::kSvg;
  if (ext == ".pdf") return MapFormat::kPdf;
  throw RenderError("cannot tell the map format of '" + path.string() +
                    "': use a .png, .svg or .pdf file name");
}

}  // namespace incidentmap
