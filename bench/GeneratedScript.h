// Generates large, valid TVMScript modules for benchmarks.
#pragma once

#include <string>

namespace tvmscript {

/// An `@I.ir_module` of PrimFuncs (matmul with reductions, elementwise, softmax-like) and a
/// Relax main chaining them with `R.call_tir`, about `lines` lines long.
std::string generateScript(size_t lines);

} // namespace tvmscript
