// LSP types as JSON, and the one place where model ranges and diagnostics become protocol
// objects (with the negotiated position encoding).
#pragma once

#include "Diagnostic.h"
#include "SourceText.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace tvmscript {

using nlohmann::json;

/// JSON-RPC and LSP error codes.
enum ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestCancelled = -32800,
  RequestFailed = -32803, // a valid request that failed (a file with errors cannot be compiled)
};

/// A request the server cannot serve, answered as a JSON-RPC error.
struct LspError {
  int code;
  std::string message;
};

json toJson(Position position);
json toJson(const SourceText &source, Range range, Encoding encoding);

/// A model diagnostic as an LSP Diagnostic; related locations refer to `uri`.
json toJson(const Diagnostic &diagnostic, const SourceText &source, Encoding encoding, const std::string &uri);

/// Reads `params.<field>` as a Position, or explains what is wrong with it.
std::optional<Position> positionFrom(const json &value, std::string *problem);

/// `params[field]` of the expected JSON type, or an InvalidParams error naming the field.
const json &requireField(const json &params, const char *field, json::value_t type);

} // namespace tvmscript
