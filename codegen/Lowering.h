// Lowering of PrimFuncs to LLVM IR: the module-wide context and the per-function lowering
// context, which owns the IRBuilder and the map from script symbols to IR values.
#pragma once

#include "Abi.h"
#include "Codegen.h"
#include "TypedValue.h"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/Module.h>
#include <llvm/Target/TargetMachine.h>

#include <functional>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace tvmscript {

/// Thrown while lowering one function when a construct cannot be lowered; caught per function
/// and turned into an `unsupported-construct` diagnostic (one per function: no cascade).
struct Unsupported : std::runtime_error {
  Range range;
  Unsupported(Range range, const std::string &message) : std::runtime_error(message), range(range) {}
};

/// A buffer as lowering sees it: where its elements start and how indices map to them.
struct BufferView {
  llvm::Value *data = nullptr; // pointer to element 0 (before elem_offset)
  DType dtype;
  std::vector<TypedValue> shape;
  std::vector<llvm::Value *> strides; // int64 element strides, one per dimension
  llvm::Value *elemOffset = nullptr;  // int64
};

/// What every function of one LLVM module shares.
struct ModuleContext {
  llvm::LLVMContext &context;
  llvm::Module &module;
  llvm::TargetMachine &target;
  const CodegenOptions &options;
  const ScriptModel &model;
  /// The LLVM function of each PrimFunc being compiled, by function.
  std::unordered_map<const Function *, llvm::Function *> functions;
  std::unordered_map<const Function *, FunctionAbi> abis;
  /// Whether any parallel loop was emitted (the output then needs the OpenMP runtime).
  bool usesOpenMP = false;

  /// The `const char *tvmscript_last_error` global that failing asserts set.
  llvm::GlobalVariable *lastError();
};

/// Lowers one PrimFunc into its (already declared) LLVM function.
class FunctionLowering {
public:
  /// Lowers into `target`, by default the function's own declaration.
  FunctionLowering(ModuleContext &module, const FunctionAbi &abi, llvm::Function *target = nullptr);
  /// Emits the body; throws Unsupported.
  void lower();
  /// Emits the shape function of runtime/Runner.h: from the integer parameters' values, each
  /// buffer parameter's extents and the number of elements its storage spans.
  void lowerShapeFunction();

private:
  // Statements (LowerStmt.cpp).
  void lowerStatements(const std::vector<Stmt *> &statements);
  void lowerStatement(const Stmt &stmt);
  void lowerFor(const Stmt &stmt);
  void lowerLoop(const Stmt &stmt, const Symbol *var, TypedValue begin, TypedValue end,
                 LoopKind kind, const std::function<void()> &body);
  void emitSerialLoop(const Symbol *var, TypedValue begin, TypedValue end, llvm::MDNode *metadata,
                      const std::function<void()> &body);
  void lowerParallel(const Stmt &stmt, const Symbol *var, TypedValue begin, TypedValue end,
                     const std::function<void()> &body);
  /// The level of a T.grid from which its loops are the reduction of its only block, when
  /// that block's T.init can run once before them; else the grid's depth.
  size_t initHoistLevel(const Stmt &grid) const;
  /// Whether a T.vectorized loop's body is stores of lane-wise expressions, each to an address
  /// that depends on the loop variable: then it is lowered once, in vector form.
  bool isVectorizable(const Stmt &loop) const;
  void hoistInit(const Stmt &grid, size_t level);
  void lowerWhile(const Stmt &stmt);
  void lowerIf(const Stmt &stmt);
  void lowerWith(const Stmt &stmt);
  void lowerBlock(const Stmt &stmt);
  void lowerAssign(const Stmt &stmt);
  void lowerStore(const Expr &target, const Expr &value);
  void lowerAugAssign(const Stmt &stmt);
  void lowerAssert(const Expr &condition, const Expr *message);
  void lowerEvaluate(const Expr &expr);
  void bindLet(const Symbol *symbol, TypedValue value, const Expr *annotation);

  // Buffers (LowerBuffer.cpp).
  void bindParamBuffer(const Buffer &buffer, llvm::Value *data);
  void declareBuffer(const Buffer &buffer, const Expr &call);
  BufferView makeView(const Buffer &buffer, llvm::Value *data, const Expr *declaration);
  /// Storage for `view`: a stack slot when small and constant, else heap memory freed at the
  /// end of the enclosing statement list and on every failure path.
  llvm::Value *allocate(const BufferView &view);
  llvm::Value *allocateBytes(llvm::Value *bytes);
  const BufferView &viewOf(const Expr &bufferExpr);
  llvm::Value *elementAddress(const Expr &subscript);
  llvm::Value *elementAddress(const BufferView &view, const std::vector<TypedValue> &indices);
  /// The lowered indices of an access and its lane count: scalars for `A[i, j]`; vectors for
  /// a slice `A[i, 0:4]` (a ramp), a vector index, or a vectorized loop's variable.
  std::vector<TypedValue> accessIndices(const Expr &subscript, size_t &lanes);
  /// The address of lane 0 when the lanes of an access are consecutive elements.
  std::optional<llvm::Value *> contiguousAddress(const BufferView &view, const std::vector<TypedValue> &indices,
                                                 size_t lanes);
  /// The scalar indices of each lane.
  std::vector<std::vector<TypedValue>> laneIndices(const std::vector<TypedValue> &indices, size_t lanes);
  TypedValue load(const Expr &subscript);
  void store(const Expr &subscript, TypedValue value);

  // Expressions (LowerExpr.cpp, LowerCall.cpp).
  TypedValue lowerExpr(const Expr &expr);
  TypedValue lowerName(const Expr &expr);
  TypedValue lowerBinary(const Expr &expr);
  TypedValue lowerCompare(const Expr &expr);
  /// Bitwise operators and shifts take integers (and bools) only.
  void requireIntegers(const Expr &expr, BinaryOp op, const TypedValue &a, const TypedValue &b) const;
  TypedValue lowerBoolOp(const Expr &expr);
  TypedValue lowerCall(const Expr &expr);
  TypedValue lowerBuiltinCall(const Expr &expr, std::string_view name);
  TypedValue lowerMath(const Expr &expr, std::string_view name);
  TypedValue lowerIfThenElse(const Expr &condition, const Expr &thenExpr, const Expr &elseExpr);
  /// A direct call to the PrimFunc `calleeExpr` names, with the call's arguments from
  /// `firstArg` on; a non-zero return fails the caller too.
  TypedValue lowerTirCall(const Expr &call, const Expr &calleeExpr, size_t firstArg);
  TypedValue lowerExtern(const Expr &expr, size_t firstArg, DType returnType, std::string_view name);
  DType dtypeArgument(const Expr &expr);
  std::vector<TypedValue> lowerIndices(const Expr &subscript);

  // Control flow helpers.
  /// Emits: if (!condition) { set the error message, free live heap buffers, fail(code) }.
  void emitCheck(llvm::Value *condition, int32_t code, const std::string &message);
  /// The path taken when the function fails with `code`; leaves the builder in a fresh,
  /// unreachable block.
  void emitFailure(llvm::Value *code);
  void freeHeapFrom(size_t mark);
  llvm::AllocaInst *entryAlloca(llvm::Type *type, llvm::Value *count, const char *name);
  [[noreturn]] void unsupported(const Expr &expr, const std::string &what) const;
  [[noreturn]] void unsupported(const Stmt &stmt, const std::string &what) const;

  ModuleContext &M;
  const FunctionAbi &Abi;
  llvm::Function *Fn;
  llvm::IRBuilder<> B;
  Arithmetic Math;
  /// Immutable values: parameters, loop and block variables, shape variables.
  std::unordered_map<const Symbol *, TypedValue> Values;
  /// Let variables live in stack slots (TIRx lets are mutable; mem2reg removes the slots).
  std::unordered_map<const Symbol *, std::pair<llvm::AllocaInst *, DType>> Lets;
  std::unordered_map<const Buffer *, BufferView> Buffers;
  /// Heap allocations live at this point, innermost last: freed at scope end and on failure.
  std::vector<llvm::Value *> Heap;
  /// Inside a parallel loop's body: where failures are recorded instead of returned.
  llvm::Value *FailureStatus = nullptr;
  bool InParallel = false;
  /// Blocks whose T.init was emitted before their reduction loops.
  std::unordered_set<const Stmt *> HoistedInits;
  bool InReduction = false;
  /// How many copies of the statement being lowered the enclosing copied T.unroll loops make
  /// (nested unrolls multiply: four T.unroll(64) would make 16.7 million).
  int64_t UnrolledCopies = 1;
};

/// The LLVM type that holds a value of `dtype` in registers (bool: i1, bfloat16: float).
llvm::Type *registerType(llvm::LLVMContext &context, const DType &dtype);
/// The LLVM type of an element of `dtype` in memory (bool: i8, bfloat16: i16).
llvm::Type *storageType(llvm::LLVMContext &context, const DType &dtype);

/// The TIR builtin a call expression calls ("serial", "block"), or empty.
inline std::string_view tirCallee(const Expr *expr) {
  if (!expr || expr->kind != ExprKind::Call || !expr->base || !expr->base->builtin) return {};
  return expr->base->builtin->dialect == Dialect::TIR ? expr->base->builtin->name : std::string_view();
}

/// Sets the attributes every emitted function carries (target CPU and features, nounwind,
/// fast-math when asked for).
void setFunctionAttributes(ModuleContext &module, llvm::Function &fn);

/// Relax functions (LowerRelax.cpp): declaring `int32_t f(DLTensor *...)`, lowering its body,
/// and the runner's entry points for it.
void declareRelaxFunction(ModuleContext &module, const FunctionAbi &abi);
void lowerRelaxFunction(ModuleContext &module, const FunctionAbi &abi);
void addRelaxRunnerEntryPoints(ModuleContext &module, const FunctionAbi &abi);

/// Declares every selected function with its ABI, then lowers each body. Returns the
/// diagnostics (unsupported constructs).
std::vector<Diagnostic> lowerToLLVM(ModuleContext &module, const std::vector<FunctionAbi> &abis);

} // namespace tvmscript
