// JIT compilation and the runner (codegen/runtime/Runner.c) behind `tvmscript run`.
#include "RunCommand.h"

#include "CompiledScript.h"
#include "Jit.h"
#include "Runner.h"

#include <fmt/format.h>
#include <iostream>

namespace tvmscript {
namespace {

/// NAME=VALUE pairs as the runner takes them; null when one has no '='.
std::optional<std::vector<tvmscript_binding>> bindingsOf(const std::vector<std::string> &items, const char *flag) {
  std::vector<tvmscript_binding> bindings;
  for (const std::string &item : items) {
    size_t equals = item.find('=');
    if (equals == std::string::npos || equals == 0) {
      std::cerr << fmt::format("tvmscript: error: {} expects NAME=VALUE, got '{}'\n", flag, item);
      return std::nullopt;
    }
    bindings.push_back({nullptr, item.c_str() + equals + 1});
  }
  return bindings;
}

int typeCode(const DType &dtype) {
  switch (dtype.code) {
  case DType::Code::Int: return TVMSCRIPT_INT;
  case DType::Code::UInt: return TVMSCRIPT_UINT;
  case DType::Code::Float: return TVMSCRIPT_FLOAT;
  case DType::Code::BFloat: return TVMSCRIPT_BFLOAT;
  default: return TVMSCRIPT_HANDLE;
  }
}

} // namespace

int runRun(const RunOptions &options) {
  CompileSelection selection;
  selection.module = options.module;
  if (!options.function.empty()) selection.functions = {options.function};
  CodegenOptions codegen = options.codegen;
  codegen.runnerEntryPoints = true;
  int exitCode = 0;
  CompiledScript script = compileFile(options.file, selection, codegen, exitCode);
  if (!script.module) return exitCode;

  std::vector<const FunctionAbi *> candidates;
  for (const FunctionAbi &abi : script.module->functions())
    if (abi.isPublic && (options.function.empty() || abi.function->name == options.function ||
                         abi.symbol == options.function))
      candidates.push_back(&abi);
  if (candidates.size() != 1) {
    std::vector<std::string> names;
    for (const FunctionAbi &abi : script.module->functions())
      if (abi.isPublic) names.push_back(abi.function->name);
    std::cerr << fmt::format("tvmscript: error: {}; choose one with --func ({})\n",
                             candidates.empty() ? "no public PrimFunc to run" : "several PrimFuncs",
                             fmt::join(names, ", "));
    return 2;
  }
  FunctionAbi abi = *candidates.front();

  // Keep the names and dimension tables alive while the runner uses them.
  std::vector<std::vector<int>> dims;
  std::vector<tvmscript_param> params;
  for (const AbiParam &param : abi.params) dims.push_back(dimParams(abi, param));
  for (size_t i = 0; i < abi.params.size(); ++i) {
    const AbiParam &param = abi.params[i];
    params.push_back({param.name.c_str(), runnerKind(param.kind), typeCode(param.dtype), param.dtype.bits,
                      int(dims[i].size()), dims[i].data()});
  }

  auto loaded = JitModule::load(std::move(*script.module));
  if (auto *error = std::get_if<std::string>(&loaded)) {
    std::cerr << fmt::format("tvmscript: error: {}\n", *error);
    return 2;
  }
  JitModule &jit = *std::get<0>(loaded);
  tvmscript_function function{};
  function.name = abi.symbol.c_str();
  function.num_params = int(params.size());
  function.params = params.data();
  function.call = reinterpret_cast<int32_t (*)(void **)>(jit.lookup("__tvmscript_call_" + abi.symbol));
  function.shapes = reinterpret_cast<void (*)(const int64_t *, int64_t *)>(jit.lookup("__tvmscript_shapes_" + abi.symbol));
  if (!function.call || !function.shapes) {
    std::cerr << fmt::format("tvmscript: error: the JIT did not produce '{}'\n", abi.symbol);
    return 2;
  }

  auto inputs = bindingsOf(options.inputs, "--input");
  auto outputs = bindingsOf(options.outputs, "--output");
  auto values = bindingsOf(options.values, "--set");
  if (!inputs || !outputs || !values) return 2;
  // The runner wants NUL-terminated names: keep them in strings that outlive it.
  std::vector<std::string> names;
  names.reserve(options.inputs.size() + options.outputs.size() + options.values.size());
  auto name = [&](std::vector<tvmscript_binding> &bindings, const std::vector<std::string> &items) {
    for (size_t i = 0; i < items.size(); ++i) {
      names.push_back(items[i].substr(0, items[i].find('=')));
      bindings[i].name = names.back().c_str();
    }
  };
  name(*inputs, options.inputs);
  name(*outputs, options.outputs);
  name(*values, options.values);

  tvmscript_run_options run{};
  run.inputs = inputs->data();
  run.num_inputs = int(inputs->size());
  run.outputs = outputs->data();
  run.num_outputs = int(outputs->size());
  run.values = values->data();
  run.num_values = int(values->size());
  run.seed = options.seed;
  run.repeat = options.repeat > 1 ? options.repeat - 1 : 0;
  run.quiet = options.quiet;
  run.last_error = static_cast<const char *const *>(jit.lookup("tvmscript_last_error"));
  std::cout.flush();
  int status = tvmscript_run(&function, &run);
  fflush(stdout);
  return status;
}

} // namespace tvmscript
