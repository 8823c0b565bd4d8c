// Output formats of `tvmscript check` (and of `compile` when a file has errors).
#pragma once

#include "CheckedFile.h"

#include <ostream>
#include <string>
#include <vector>

namespace tvmscript {

/// Compiler-style text: `path:line:col: error: message [code]`, the source line and carets under
/// the range, then each related location as a note. Columns are 1-based code points. `color`
/// adds ANSI colours.
void renderText(const CheckedFile &file, bool color, std::ostream &out);

/// SPEC §5: `{"version": 1, "files": [...]}` with 0-based UTF-16 positions.
std::string renderJson(const std::vector<CheckedFile> &files);

/// SARIF 2.1.0, one run, with a rule per diagnostic code.
std::string renderSarif(const std::vector<CheckedFile> &files, const std::string &toolVersion);

} // namespace tvmscript
