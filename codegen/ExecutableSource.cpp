// The C driver of an executable: runtime/Runner.c plus a main.c describing the compiled
// functions to it.
#include "NativeModuleImpl.h"

#include <fmt/format.h>

namespace tvmscript {
namespace {

#include "RunnerSource.inc" // kRunnerHeader, kRunnerSource: runtime/Runner.h and Runner.c

int typeCode(const DType &dtype) {
  switch (dtype.code) {
  case DType::Code::Int: return 0;
  case DType::Code::UInt: return 1;
  case DType::Code::Float: return 2;
  case DType::Code::BFloat: return 3;
  default: return 4;
  }
}

/// A C string literal of `text` (names are identifiers, but quotes cost nothing).
std::string cString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

} // namespace

std::vector<std::pair<std::string, std::string>> executableSources(const std::vector<FunctionAbi> &functions) {
  std::string main = "// The functions this executable runs.\n#include \"Runner.h\"\n\n";
  std::string table;
  size_t count = 0;
  for (const FunctionAbi &abi : functions) {
    if (!abi.isPublic) continue;
    size_t f = count++;
    main += fmt::format("int32_t __tvmscript_call_{0}(void **);\nvoid __tvmscript_shapes_{0}(const int64_t *, int64_t *);\n",
                        abi.symbol);
    std::string params;
    for (size_t i = 0; i < abi.params.size(); ++i) {
      const AbiParam &param = abi.params[i];
      std::vector<int> dims = dimParams(abi, param);
      std::string dimsName = "0";
      if (!dims.empty()) {
        dimsName = fmt::format("dims_{}_{}", f, i);
        main += fmt::format("static const int {}[] = {{{}}};\n", dimsName, fmt::join(dims, ", "));
      }
      params += fmt::format("  {{{}, {}, {}, {}, {}, {}}},\n", cString(param.name), runnerKind(param.kind),
                            typeCode(param.dtype), param.dtype.bits, dims.size(), dimsName);
    }
    main += fmt::format("static const struct tvmscript_param params_{}[] = {{\n{}  {{0}}\n}};\n", f, params);
    table += fmt::format("  {{{}, {}, params_{}, __tvmscript_call_{}, __tvmscript_shapes_{}}},\n", cString(abi.symbol),
                         abi.params.size(), f, abi.symbol, abi.symbol);
  }
  main += fmt::format("\nstatic const struct tvmscript_function functions[] = {{\n{}}};\n", table);
  main += "extern const char *tvmscript_last_error;\n\n"
          "int main(int argc, char **argv) {\n"
          "  return tvmscript_main(argc, argv, functions, (int)(sizeof functions / sizeof functions[0]),\n"
          "                        &tvmscript_last_error);\n"
          "}\n";
  return {{"Runner.h", std::string(kRunnerHeader)}, {"Runner.c", std::string(kRunnerSource)}, {"main.c", main}};
}

} // namespace tvmscript
