// Conversions between the model and LSP's JSON.
#include "Protocol.h"

namespace tvmscript {

json toJson(Position position) { return {{"line", position.line}, {"character", position.character}}; }

json toJson(const SourceText &source, Range range, Encoding encoding) {
  return {{"start", toJson(source.position(range.begin, encoding))},
          {"end", toJson(source.position(range.end, encoding))}};
}

json toJson(const Diagnostic &diagnostic, const SourceText &source, Encoding encoding, const std::string &uri) {
  // LSP severities: 1 error, 2 warning, 3 information, 4 hint.
  int severity = static_cast<int>(diagnostic.severity) + 1;
  json result = {{"range", toJson(source, diagnostic.range, encoding)},
                 {"severity", severity},
                 {"code", diagnostic.code},
                 {"source", "tvmscript"},
                 {"message", diagnostic.message}};
  if (!diagnostic.related.empty()) {
    json related = json::array();
    for (const RelatedLocation &location : diagnostic.related)
      related.push_back({{"location", {{"uri", uri}, {"range", toJson(source, location.range, encoding)}}},
                         {"message", location.message}});
    result["relatedInformation"] = related;
  }
  return result;
}

const json &requireField(const json &params, const char *field, json::value_t type) {
  static const json missing;
  if (!params.is_object() || !params.contains(field))
    throw LspError{InvalidParams, std::string("missing field '") + field + "'"};
  const json &value = params[field];
  bool ok = value.type() == type ||
            (type == json::value_t::number_integer && value.is_number_unsigned());
  if (!ok) throw LspError{InvalidParams, std::string("field '") + field + "' has the wrong type"};
  return value.is_null() ? missing : value;
}

std::optional<Position> positionFrom(const json &value, std::string *problem) {
  if (!value.is_object() || !value.contains("line") || !value.contains("character") ||
      !value["line"].is_number_integer() || !value["character"].is_number_integer()) {
    if (problem) *problem = "expected {line, character}";
    return std::nullopt;
  }
  long long line = value["line"].get<long long>(), character = value["character"].get<long long>();
  if (line < 0 || character < 0) {
    if (problem) *problem = "negative line or character";
    return std::nullopt;
  }
  auto clamp = [](long long v) { return static_cast<uint32_t>(std::min<long long>(v, UINT32_MAX)); };
  return Position{clamp(line), clamp(character)};
}

} // namespace tvmscript
