// Edit distance for "did you mean" suggestions.
#pragma once

#include <cstddef>
#include <string_view>

namespace tvmscript {

/// Levenshtein distance between `a` and `b`, case-sensitive.
size_t editDistance(std::string_view a, std::string_view b);

/// Whether `distance` is small enough for `candidate` to be a plausible typo of a name of
/// length `length` (one edit for short names, about a third of the name for long ones).
inline bool isPlausibleTypo(size_t distance, size_t length) {
  return distance <= (length < 3 ? 1 : length / 3 + 1);
}

} // namespace tvmscript
