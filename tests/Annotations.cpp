// Marker parsing for Annotations.
#include "Annotations.h"

#include <cctype>
#include <stdexcept>
#include <vector>

namespace tvmscript {

Annotations::Annotations(std::string_view marked) {
  std::vector<std::pair<std::string, uint32_t>> open; // names of ranges being read
  for (size_t i = 0; i < marked.size();) {
    std::string name;
    size_t j = i;
    if (marked[j] == '$') { // a name for the next marker
      ++j;
      while (j < marked.size() && (std::isalnum(static_cast<unsigned char>(marked[j])) || marked[j] == '_'))
        name += marked[j++];
    }
    if (marked.substr(j, 1) == "^") {
      Points[name] = static_cast<uint32_t>(Code.size());
      i = j + 1;
    } else if (marked.substr(j, 2) == "[[") {
      open.emplace_back(name, static_cast<uint32_t>(Code.size()));
      i = j + 2;
    } else if (name.empty() && marked.substr(i, 2) == "]]" && !open.empty()) {
      Ranges[open.back().first] = {open.back().second, static_cast<uint32_t>(Code.size())};
      open.pop_back();
      i += 2;
    } else {
      Code += marked[i++];
    }
  }
}

uint32_t Annotations::point(const std::string &name) const {
  auto found = Points.find(name);
  if (found == Points.end()) throw std::out_of_range("no point named '" + name + "'");
  return found->second;
}

Range Annotations::range(const std::string &name) const {
  auto found = Ranges.find(name);
  if (found == Ranges.end()) throw std::out_of_range("no range named '" + name + "'");
  return found->second;
}

} // namespace tvmscript
