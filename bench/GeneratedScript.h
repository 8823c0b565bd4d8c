// Generates large, valid TVMScript modules for benchmarks.
#pragma once

#include <string>

namespace tvmscript {

/// An `@I.ir_module` of PrimFuncs (matmul with reductions, elementwise, softmax-like) and a
/// Relax main chaining them with `R.call_tir`, about `lines` lines long.
std::string generateScript(size_t lines);

/// An `@I.ir_module` of `count` PrimFuncs with symbolic shapes (match_buffer over `T.int64()`
/// variables) and a Relax main that chains all of them with `R.call_tir`, each call's input
/// being the previous call's result.
std::string generateCallChain(size_t count);

/// An `@I.ir_module` of `count` PrimFuncs cycling through five kinds of kernel: elementwise,
/// matmul with T.init, row softmax with intermediate buffers, padded 1-d convolution, and a
/// parallel, vectorized transpose.
std::string generateKernelModule(size_t count);

} // namespace tvmscript
