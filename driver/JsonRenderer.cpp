// Machine-readable output: SPEC §5 JSON and SARIF 2.1.0.
#include "Renderers.h"

#include <map>
#include <nlohmann/json.hpp>

namespace tvmscript {
namespace {

using nlohmann::json;

json jsonRange(const SourceText &source, Range range) {
  auto position = [&](uint32_t offset) {
    Position p = source.position(offset, Encoding::UTF16);
    return json{{"line", p.line}, {"character", p.character}};
  };
  return {{"start", position(range.begin)}, {"end", position(range.end)}};
}

/// SARIF regions are 1-based; columns count UTF-16 code units (the run's columnKind).
json sarifRegion(const SourceText &source, Range range) {
  Position start = source.position(range.begin, Encoding::UTF16);
  Position end = source.position(range.end, Encoding::UTF16);
  return {{"startLine", start.line + 1}, {"startColumn", start.character + 1},
          {"endLine", end.line + 1}, {"endColumn", end.character + 1}};
}

json sarifLocation(const CheckedFile &file, Range range) {
  return {{"physicalLocation",
           {{"artifactLocation", {{"uri", file.path}}}, {"region", sarifRegion(*file.source, range)}}}};
}

/// LSP's severity names.
const char *jsonSeverity(Severity severity) {
  switch (severity) {
  case Severity::Error: return "error";
  case Severity::Warning: return "warning";
  case Severity::Information: return "information";
  case Severity::Hint: return "hint";
  }
  return "error";
}

const char *sarifLevel(Severity severity) {
  switch (severity) {
  case Severity::Error: return "error";
  case Severity::Warning: return "warning";
  default: return "note";
  }
}

} // namespace

std::string renderJson(const std::vector<CheckedFile> &files) {
  json out = {{"version", 1}, {"files", json::array()}};
  for (const CheckedFile &file : files) {
    json diagnostics = json::array();
    for (const Diagnostic &d : file.diagnostics) {
      json related = json::array();
      for (const RelatedLocation &r : d.related)
        related.push_back({{"path", file.path}, {"range", jsonRange(*file.source, r.range)}, {"message", r.message}});
      diagnostics.push_back({{"code", d.code},
                             {"severity", jsonSeverity(d.severity)},
                             {"message", d.message},
                             {"range", jsonRange(*file.source, d.range)},
                             {"related", related}});
    }
    out["files"].push_back({{"path", file.path}, {"diagnostics", diagnostics}});
  }
  return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string renderSarif(const std::vector<CheckedFile> &files, const std::string &toolVersion) {
  json rules = json::array();
  std::map<std::string_view, size_t> ruleIndex;
  for (const DiagnosticCode &code : diagnosticCodes()) {
    ruleIndex[code.code] = rules.size();
    rules.push_back({{"id", code.code},
                     {"name", code.code},
                     {"shortDescription", {{"text", code.description}}},
                     {"defaultConfiguration", {{"level", sarifLevel(code.severity)}}}});
  }
  json results = json::array();
  json artifacts = json::array();
  for (const CheckedFile &file : files) {
    artifacts.push_back({{"location", {{"uri", file.path}}}});
    for (const Diagnostic &d : file.diagnostics) {
      json result = {{"ruleId", d.code},
                     {"level", sarifLevel(d.severity)},
                     {"message", {{"text", d.message}}},
                     {"locations", json::array({sarifLocation(file, d.range)})}};
      if (auto it = ruleIndex.find(d.code); it != ruleIndex.end()) result["ruleIndex"] = it->second;
      if (!d.related.empty()) {
        json related = json::array();
        for (size_t i = 0; i < d.related.size(); ++i) {
          json location = sarifLocation(file, d.related[i].range);
          location["id"] = i;
          location["message"] = {{"text", d.related[i].message}};
          related.push_back(location);
        }
        result["relatedLocations"] = related;
      }
      if (!d.fixes.empty()) {
        json fixes = json::array();
        for (const Fix &fix : d.fixes) {
          json replacements = json::array();
          for (const TextEdit &edit : fix.edits)
            replacements.push_back({{"deletedRegion", sarifRegion(*file.source, edit.range)},
                                    {"insertedContent", {{"text", edit.newText}}}});
          fixes.push_back({{"description", {{"text", fix.title}}},
                           {"artifactChanges", json::array({{{"artifactLocation", {{"uri", file.path}}},
                                                              {"replacements", replacements}}})}});
        }
        result["fixes"] = fixes;
      }
      results.push_back(result);
    }
  }
  json sarif = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::array({{{"tool", {{"driver", {{"name", "tvmscript"},
                                                     {"version", toolVersion},
                                                     {"informationUri", "https://tvm.apache.org/"},
                                                     {"rules", rules}}}}},
                             {"columnKind", "utf16CodeUnits"},
                             {"artifacts", artifacts},
                             {"results", results}}})}};
  return sarif.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

} // namespace tvmscript
