// The other end of a CompileJob: `tvmscript compile-worker` reads one request on standard input,
// compiles, writes its output file or returns the text, and answers on standard output.
#pragma once

#include "CompileOutput.h"

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace tvmscript {

/// A request for a worker: compile `text` for `request`, writing the output to `output` (which
/// the caller has checked), or, without one, answering with the output's text.
nlohmann::json compileWorkerRequest(const std::string &text, const OutputRequest &request,
                                    const std::optional<std::filesystem::path> &output);

/// Serves one request read from `in` to its end: writes `{"progress": MESSAGE}` lines and then one
/// answer line to `out` — `{"written": PATH}`, `{"text": TEXT}`, or `{"error": MESSAGE}` for a
/// file that cannot be compiled or written. Returns 0 once it has answered, 2 for a request it
/// cannot read. The worker ends when the server that started it does.
int runCompileWorker(std::FILE *in, std::FILE *out);

} // namespace tvmscript
