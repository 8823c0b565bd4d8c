// Native outputs for the editor: compiling an open document for `tvmscript.compile` (files
// under the workspace's output directory) and `tvmscript/viewOutput` (text shown beside it).
#pragma once

#include "Codegen.h"
#include "ScriptModel.h"

#include <filesystem>
#include <string>
#include <variant>

namespace tvmscript {

struct OutputRequest {
  std::string module;   // empty: the file's only IRModule
  std::string function; // empty: every PrimFunc
  OutputKind kind = OutputKind::Object;
  CodegenOptions options;
};

/// Checks and compiles `model` for `request`. On failure, a message naming the first problem
/// (an error diagnostic of the analysis or of code generation, or a selection error) with its
/// 1-based line.
std::variant<std::unique_ptr<NativeModule>, std::string> compileForOutput(const ScriptModel &model,
                                                                          const OutputRequest &request);

/// Where an output of `kind` for a file named `stem` goes: `outputDirectory` (relative to the
/// workspace root unless absolute) joined with `stem` and the kind's suffix. Refuses, with a
/// message, a directory that resolves (through `..` or symbolic links) outside `workspaceRoot`,
/// and an existing output file that is a symbolic link or not a regular file.
std::variant<std::filesystem::path, std::string> outputPathFor(const std::filesystem::path &workspaceRoot,
                                                               const std::string &outputDirectory,
                                                               const std::string &stem, OutputKind kind);

/// The path of a `file://` URI (percent-decoded), or nullopt for other schemes.
std::optional<std::filesystem::path> pathFromUri(std::string_view uri);
/// The `file://` URI of an absolute path (percent-encoded where RFC 3986 requires).
std::string uriFromPath(const std::filesystem::path &path);

} // namespace tvmscript
