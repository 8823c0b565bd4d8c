// Source text with marked positions and ranges, so feature tests never count columns:
//   "B[vi] = A[vi] + $use^C"   a point named "use"
//   "def [[add_one]](X"        an unnamed range;  "$def[[add_one]]"  a named one
// The markers are removed from the text the test parses.
#pragma once

#include "SourceText.h"

#include <map>
#include <string>
#include <string_view>

namespace tvmscript {

class Annotations {
public:
  explicit Annotations(std::string_view marked);

  const std::string &code() const { return Code; }
  /// The byte offset of point `name` ("" for the unnamed one).
  uint32_t point(const std::string &name = "") const;
  /// The byte range of range `name` ("" for the unnamed one).
  Range range(const std::string &name = "") const;

private:
  std::string Code;
  std::map<std::string, uint32_t> Points;
  std::map<std::string, Range> Ranges;
};

} // namespace tvmscript
