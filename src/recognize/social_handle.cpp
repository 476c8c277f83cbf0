#include "src/recognize/social_handle.h"

namespace incidentmap {

namespace {

constexpr std::size_t kMaxHandleBytes = 15;

bool handle_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

bool inside_social_handle(std::string_view text, std::size_t begin) {
  std::size_t b = begin < text.size() ? begin : text.size();
  const std::size_t stop = b > kMaxHandleBytes ? b - kMaxHandleBytes : 0;
  while (b > stop && handle_byte(text[b - 1])) --b;
  return b > 0 && text[b - 1] == '@';
}

}  // namespace incidentmap
