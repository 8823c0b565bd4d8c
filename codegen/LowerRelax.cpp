// Relax functions whose bodies are R.call_tir-family bindings, as `int32_t f(DLTensor *in...,
// DLTensor *out...)` (SPEC §6): check the inputs and outputs, bind the symbolic variables,
// allocate intermediates, call the PrimFuncs in destination-passing style, free what was
// allocated. Also the runner's entry points for such functions.
#include "CalleeResolver.h"
#include "Lowering.h"
#include "NativeModuleImpl.h"
#include "RelaxTypes.h"

#include <fmt/format.h>

namespace tvmscript {
namespace {

// DLPack's DLTensor, as laid out on x86-64 (dlpack.h).
constexpr unsigned kData = 0, kDeviceType = 8, kNdim = 16, kDtypeCode = 20, kDtypeBits = 21, kDtypeLanes = 22,
                   kShape = 24, kStrides = 32, kByteOffset = 40, kTensorBytes = 48;

/// The error codes of the entry checks, returned after setting tvmscript_last_error.
enum EntryError : int32_t {
  kWrongNdim = -2,
  kWrongDtype = -3,
  kWrongShape = -4,
  kNotCompact = -5,
  kNotOnCpu = -6,
};

int dlpackCode(const DType &dtype) {
  switch (dtype.code) {
  case DType::Code::Int: return 0;
  case DType::Code::UInt: return 1;
  case DType::Code::Float: return 2;
  case DType::Code::BFloat: return 4;
  default: return 3;
  }
}

/// The items of an inline tuple (`(x, y)`, `R.tuple(x, y)`, `R.shape([n])`), or the expression.
std::vector<const Expr *> itemsOf(const Expr *expr) {
  if (!expr) return {};
  if (expr->kind == ExprKind::Tuple || expr->kind == ExprKind::List) return {expr->items.begin(), expr->items.end()};
  if (expr->isCallTo(Dialect::Relax, "shape") && !expr->items.empty()) return itemsOf(expr->items[0]);
  if (expr->isCallTo(Dialect::Relax, "tuple")) return {expr->items.begin(), expr->items.end()};
  return {expr};
}

class RelaxLowering {
public:
  RelaxLowering(ModuleContext &module, const FunctionAbi &abi, llvm::Function *fn)
      : M(module), Abi(abi), Fn(fn), B(module.context), Math(B), Extents(module.model, Atoms), Types(Extents) {}

  void lowerEntry();
  void lowerShapeFunction();
  void lowerCallWrapper();

private:
  struct Tensor {
    llvm::Value *data = nullptr;
    std::vector<llvm::Value *> shape; // int64
    DType dtype;
  };
  using Value = std::vector<Tensor>; // a tensor, or the tensors of a tuple

  void checkTensor(llvm::Value *dl, const AbiParam &param, const RelaxType &type, Tensor &out);
  void fail(llvm::Value *holds, int32_t code, const std::string &message);
  void lowerBinding(const Stmt &stmt);
  Value lowerValue(const Expr &value, const Symbol *target);
  Value lowerCallTir(const Expr &call, const Symbol *target);
  Tensor allocate(const RelaxType &type, const Expr &where);
  llvm::Value *evaluate(const Poly &dim, const Expr &where);
  llvm::Value *bytesOf(const Tensor &tensor);
  /// `dim` as `scale * var + offset` over one variable, or a null variable.
  std::tuple<const Symbol *, int64_t, int64_t> linearVariable(const Poly &dim) const {
    const Symbol *var = nullptr;
    int64_t scale = 0, offset = 0;
    if (dim.isUnknown()) return {nullptr, 0, 0};
    for (const auto &[monomial, coefficient] : dim.terms()) {
      if (monomial.empty()) {
        offset = coefficient;
      } else if (monomial.size() == 1 && Atoms.kindOf(monomial[0]) == AtomTable::Kind::Variable && !var) {
        var = Atoms.symbolOf(monomial[0]);
        scale = coefficient;
      } else {
        return {nullptr, 0, 0};
      }
    }
    return {scale > 0 ? var : nullptr, scale, offset};
  }
  std::vector<RelaxType> tensorsOf(const RelaxType &type) const {
    return type.kind == RelaxType::Kind::Tuple ? type.elements : std::vector<RelaxType>{type};
  }
  [[noreturn]] void unsupported(const Expr &expr, const std::string &what) const { throw Unsupported(expr.range, what); }
  /// Frees every intermediate allocated so far (at the end, and on each failure path).
  void freeOwned() {
    llvm::FunctionCallee free = M.module.getOrInsertFunction("free", B.getVoidTy(), B.getPtrTy());
    for (llvm::Value *owned : Owned) B.CreateCall(free, {owned});
  }
  void bindVariable(const Symbol *var, llvm::Value *value) {
    if (!Vars.count(var)) Vars[var] = value;
  }

  ModuleContext &M;
  const FunctionAbi &Abi;
  llvm::Function *Fn;
  llvm::IRBuilder<> B;
  Arithmetic Math;
  AtomTable Atoms;
  ExtentBuilder Extents;
  RelaxTypes Types;
  std::map<const Symbol *, llvm::Value *> Vars; // shape variables, int64
  std::map<const Symbol *, Value> Bindings;     // Relax variables
  std::vector<llvm::Value *> Owned;             // intermediates on the heap
  /// Outputs written in place: the returned variable (and tuple element) each output is.
  std::map<std::pair<const Symbol *, size_t>, Tensor> Destinations;
};

llvm::Value *RelaxLowering::evaluate(const Poly &dim, const Expr &where) {
  if (dim.isUnknown()) unsupported(where, "a shape the compiler cannot evaluate");
  llvm::Value *sum = B.getInt64(0);
  for (const auto &[monomial, coefficient] : dim.terms()) {
    llvm::Value *term = B.getInt64(uint64_t(coefficient));
    for (uint32_t atom : monomial) {
      llvm::Value *value = nullptr;
      switch (Atoms.kindOf(atom)) {
      case AtomTable::Kind::Variable: {
        auto found = Vars.find(Atoms.symbolOf(atom));
        if (found == Vars.end())
          unsupported(where, fmt::format("the shape variable '{}' before anything binds it", Atoms.str(Poly::atom(atom))));
        value = found->second;
        break;
      }
      case AtomTable::Kind::FloorDiv:
      case AtomTable::Kind::FloorMod: {
        TypedValue a{evaluate(Atoms.operandsOf(atom)[0], where), int64Type()};
        TypedValue b = Math.intConstant(Atoms.divisorOf(atom), int64Type());
        value = (Atoms.kindOf(atom) == AtomTable::Kind::FloorDiv ? Math.floorDiv(a, b) : Math.floorMod(a, b)).ir;
        break;
      }
      case AtomTable::Kind::Min:
      case AtomTable::Kind::Max: {
        TypedValue a{evaluate(Atoms.operandsOf(atom)[0], where), int64Type()};
        TypedValue b{evaluate(Atoms.operandsOf(atom)[1], where), int64Type()};
        value = (Atoms.kindOf(atom) == AtomTable::Kind::Min ? Math.min(a, b) : Math.max(a, b)).ir;
        break;
      }
      default: unsupported(where, fmt::format("the shape '{}'", Atoms.str(dim)));
      }
      term = B.CreateMul(term, value);
    }
    sum = B.CreateAdd(sum, term);
  }
  return sum;
}

void RelaxLowering::fail(llvm::Value *holds, int32_t code, const std::string &message) {
  auto *failed = llvm::BasicBlock::Create(M.context, "check.fail", Fn);
  auto *passed = llvm::BasicBlock::Create(M.context, "check.pass", Fn);
  B.CreateCondBr(holds, passed, failed, llvm::MDBuilder(M.context).createLikelyBranchWeights());
  B.SetInsertPoint(failed);
  B.CreateStore(B.CreateGlobalStringPtr(message), M.lastError());
  freeOwned();
  B.CreateRet(B.getInt32(code));
  B.SetInsertPoint(passed);
}

void RelaxLowering::checkTensor(llvm::Value *dl, const AbiParam &param, const RelaxType &type, Tensor &out) {
  std::string name = fmt::format("{}.{}", Abi.symbol, param.name);
  auto field = [&](unsigned offset, llvm::Type *fieldType) {
    return B.CreateLoad(fieldType, B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), dl, offset));
  };
  size_t ndim = type.shape->size();
  fail(B.CreateICmpEQ(field(kDeviceType, B.getInt32Ty()), B.getInt32(1)), kNotOnCpu, name + " is not on the CPU");
  fail(B.CreateICmpEQ(field(kNdim, B.getInt32Ty()), B.getInt32(uint32_t(ndim))), kWrongNdim,
       fmt::format("{}.ndim is expected to equal {}", name, ndim));
  llvm::Value *dtypeOk = B.CreateAnd(
      B.CreateAnd(B.CreateICmpEQ(field(kDtypeCode, B.getInt8Ty()), B.getInt8(uint8_t(dlpackCode(param.dtype)))),
                  B.CreateICmpEQ(field(kDtypeBits, B.getInt8Ty()), B.getInt8(uint8_t(param.dtype.bits)))),
      B.CreateICmpEQ(field(kDtypeLanes, B.getInt16Ty()), B.getInt16(1)));
  fail(dtypeOk, kWrongDtype, fmt::format("{}.dtype is expected to be {}", name, param.dtype.str()));
  llvm::Value *shape = field(kShape, B.getPtrTy());
  out.dtype = param.dtype;
  for (size_t d = 0; d < ndim; ++d) {
    llvm::Value *extent = B.CreateLoad(B.getInt64Ty(), B.CreateConstInBoundsGEP1_64(B.getInt64Ty(), shape, d));
    const Poly &dim = (*type.shape)[d];
    // The first occurrence of a variable binds it: `n`, or linearly `n * 2 + 1` (n = (e - 1) / 2);
    // every dimension is then checked, which catches what does not divide.
    if (auto [var, scale, offset] = linearVariable(dim); var && !Vars.count(var))
      bindVariable(var, B.CreateSDiv(B.CreateSub(extent, B.getInt64(uint64_t(offset))), B.getInt64(uint64_t(scale))));
    const Expr &where = d < type.dimensionExprs.size() && type.dimensionExprs[d] ? *type.dimensionExprs[d]
                                                                                 : *Abi.function->returnAnnotation;
    fail(B.CreateICmpEQ(extent, evaluate(dim, where)), kWrongShape,
         fmt::format("{}.shape[{}] has an unsatisfied constraint: {}", name, d, Atoms.str(dim)));
    out.shape.push_back(extent);
  }
  // Strides: absent, or those of a compact row-major tensor (extent-1 dimensions are free),
  // read only when present.
  llvm::Value *strides = field(kStrides, B.getPtrTy());
  auto *check = llvm::BasicBlock::Create(M.context, "strides.check", Fn);
  auto *done = llvm::BasicBlock::Create(M.context, "strides.done", Fn);
  B.CreateCondBr(B.CreateIsNull(strides), done, check);
  B.SetInsertPoint(check);
  {
    llvm::Value *ok = B.getTrue();
    llvm::Value *want = B.getInt64(1);
    for (size_t d = ndim; d-- > 0;) {
      llvm::Value *stride = B.CreateLoad(B.getInt64Ty(), B.CreateConstInBoundsGEP1_64(B.getInt64Ty(), strides, d));
      ok = B.CreateAnd(ok, B.CreateOr(B.CreateICmpEQ(stride, want), B.CreateICmpEQ(out.shape[d], B.getInt64(1))));
      want = B.CreateMul(want, out.shape[d]);
    }
    fail(ok, kNotCompact, fmt::format("{}.strides: expected to be compact array", name));
    B.CreateBr(done);
  }
  B.SetInsertPoint(done);
  llvm::Value *data = field(kData, B.getPtrTy());
  out.data = B.CreateGEP(B.getInt8Ty(), data, field(kByteOffset, B.getInt64Ty()));
}

llvm::Value *RelaxLowering::bytesOf(const Tensor &tensor) {
  llvm::Value *count = B.getInt64(M.module.getDataLayout().getTypeAllocSize(storageType(M.context, tensor.dtype)));
  for (llvm::Value *extent : tensor.shape) count = B.CreateMul(count, extent);
  return count;
}

RelaxLowering::Tensor RelaxLowering::allocate(const RelaxType &type, const Expr &where) {
  if (type.kind != RelaxType::Kind::Tensor || !type.dtype || !type.shape || !parseDType(*type.dtype))
    unsupported(where, "an output that is not a tensor of known dtype and shape");
  Tensor tensor;
  tensor.dtype = *parseDType(*type.dtype);
  for (size_t d = 0; d < type.shape->size(); ++d)
    tensor.shape.push_back(evaluate((*type.shape)[d], d < type.dimensionExprs.size() && type.dimensionExprs[d]
                                                           ? *type.dimensionExprs[d]
                                                           : where));
  llvm::Value *bytes = B.CreateAnd(B.CreateAdd(bytesOf(tensor), B.getInt64(63)), B.getInt64(~uint64_t(63)));
  llvm::FunctionCallee alignedAlloc =
      M.module.getOrInsertFunction("aligned_alloc", B.getPtrTy(), B.getInt64Ty(), B.getInt64Ty());
  tensor.data = B.CreateCall(alignedAlloc, {B.getInt64(64), bytes});
  fail(B.CreateOr(B.CreateIsNotNull(tensor.data), B.CreateICmpEQ(bytes, B.getInt64(0))), -1, "out of memory");
  Owned.push_back(tensor.data);
  return tensor;
}

RelaxLowering::Value RelaxLowering::lowerCallTir(const Expr &call, const Symbol *target) {
  bool inplace = call.isCallTo(Dialect::Relax, "call_tir_inplace");
  if (call.items.empty()) unsupported(call, "R.call_tir without a callee");
  const Function *callee = resolveCallee(*Abi.function, *call.items[0]).callee;
  if (!callee || !M.functions.count(callee)) unsupported(call, "an R.call_tir whose callee is not compiled");
  const FunctionAbi &calleeAbi = M.abis.at(callee);

  std::vector<Tensor> arguments;
  for (const Expr *arg : itemsOf(call.argument(1, "args"))) {
    Value value = lowerValue(*arg, nullptr);
    if (value.size() != 1) unsupported(*arg, "an R.call_tir argument that is not one tensor");
    arguments.push_back(value.front());
  }
  const Expr *sinfo = outputStructInfo(call);
  if (!sinfo) unsupported(call, "R.call_tir without out_sinfo");
  std::vector<RelaxType> outputTypes = tensorsOf(Types.fromStructInfo(sinfo));
  std::vector<int64_t> inplaceIndices(outputTypes.size(), -1);
  if (inplace) {
    std::vector<const Expr *> indices = itemsOf(call.argument(2, "inplace_indices"));
    if (indices.size() != outputTypes.size()) unsupported(call, "inplace_indices that do not match the outputs");
    for (size_t i = 0; i < indices.size(); ++i) {
      const Expr *index = indices[i];
      bool negative = index->kind == ExprKind::Unary && index->items[0]->kind == ExprKind::Int;
      if (index->kind != ExprKind::Int && !negative) unsupported(*index, "an in-place index that is not a constant");
      inplaceIndices[i] = negative ? -index->items[0]->intValue : index->intValue;
      if (inplaceIndices[i] >= int64_t(arguments.size()) || inplaceIndices[i] < -1)
        unsupported(*index, "an in-place index out of range");
    }
  }

  Value outputs;
  std::vector<Tensor> buffers = arguments; // the callee's buffer parameters, in order
  for (size_t i = 0; i < outputTypes.size(); ++i) {
    if (inplaceIndices[i] >= 0) {
      outputs.push_back(arguments[size_t(inplaceIndices[i])]);
      continue;
    }
    auto destination = Destinations.find({target, i});
    Tensor tensor = destination != Destinations.end() ? destination->second : allocate(outputTypes[i], *sinfo);
    outputs.push_back(tensor);
    buffers.push_back(tensor);
  }

  // The callee's parameters: buffers take the tensors in order, scalars the tir_vars; its shape
  // variables are bound from the tensors' extents.
  std::map<const Symbol *, llvm::Value *> bound;
  std::vector<const Expr *> scalars = itemsOf(call.keyword("tir_vars"));
  size_t nextBuffer = 0, nextScalar = 0;
  for (const Param &param : callee->params) {
    if (param.buffer) {
      if (nextBuffer >= buffers.size()) unsupported(call, fmt::format("too few tensors for '{}'", callee->name));
      const Tensor &tensor = buffers[nextBuffer++];
      bound[param.symbol] = tensor.data;
      if (param.buffer->shape)
        for (size_t d = 0; d < param.buffer->shape->size() && d < tensor.shape.size(); ++d) {
          const Expr *dim = (*param.buffer->shape)[d];
          if (dim->kind == ExprKind::Name && dim->symbol && !bound.count(dim->symbol)) bound[dim->symbol] = tensor.shape[d];
        }
    } else {
      if (nextScalar >= scalars.size()) unsupported(call, fmt::format("too few tir_vars for '{}'", callee->name));
      bound[param.symbol] = evaluate(Extents.of(*scalars[nextScalar]), *scalars[nextScalar]);
      ++nextScalar;
    }
  }
  std::vector<llvm::Value *> args;
  for (const AbiParam &param : calleeAbi.params) {
    auto found = bound.find(param.symbol);
    if (found == bound.end())
      unsupported(call, fmt::format("a call that leaves '{}' of '{}' unbound", param.name, callee->name));
    llvm::Value *value = found->second;
    if (param.kind == AbiParam::Kind::Scalar) value = Math.cast({value, int64Type()}, param.dtype).ir;
    args.push_back(value);
  }
  llvm::Value *status = B.CreateCall(M.functions.at(callee), args);
  auto *failed = llvm::BasicBlock::Create(M.context, "call.fail", Fn);
  auto *passed = llvm::BasicBlock::Create(M.context, "call.ok", Fn);
  B.CreateCondBr(B.CreateICmpEQ(status, B.getInt32(0)), passed, failed,
                 llvm::MDBuilder(M.context).createLikelyBranchWeights());
  B.SetInsertPoint(failed);
  freeOwned();
  B.CreateRet(status);
  B.SetInsertPoint(passed);
  return outputs;
}

RelaxLowering::Value RelaxLowering::lowerValue(const Expr &value, const Symbol *target) {
  if (value.isCallTo(Dialect::Relax, "call_tir") || value.isCallTo(Dialect::Relax, "call_tir_inplace") ||
      value.isCallTo(Dialect::Relax, "call_tir_with_grad"))
    return lowerCallTir(value, target);
  if (value.kind == ExprKind::Name && value.symbol && Bindings.count(value.symbol)) return Bindings.at(value.symbol);
  if (value.kind == ExprKind::Subscript && value.items.size() == 1 && value.items[0]->kind == ExprKind::Int &&
      value.base->kind == ExprKind::Name && value.base->symbol && Bindings.count(value.base->symbol)) {
    const Value &tuple = Bindings.at(value.base->symbol);
    size_t index = size_t(value.items[0]->intValue);
    if (index >= tuple.size()) unsupported(value, "a tuple index out of range");
    return {tuple[index]};
  }
  if (value.kind == ExprKind::Tuple || value.isCallTo(Dialect::Relax, "tuple")) {
    Value tuple;
    for (const Expr *item : value.items) {
      Value element = lowerValue(*item, nullptr);
      if (element.size() != 1) unsupported(*item, "a nested tuple");
      tuple.push_back(element.front());
    }
    return tuple;
  }
  if (value.isCallTo(Dialect::Relax, "match_cast")) {
    const Expr *source = value.argument(0, "value");
    if (!source) unsupported(value, "R.match_cast without a value");
    Value matched = lowerValue(*source, nullptr);
    RelaxType type = Types.fromStructInfo(value.argument(1, "struct_info"));
    if (matched.size() != 1 || type.kind != RelaxType::Kind::Tensor || !type.shape ||
        type.shape->size() != matched.front().shape.size())
      unsupported(value, "this R.match_cast");
    for (size_t d = 0; d < type.shape->size(); ++d) {
      const Poly &dim = (*type.shape)[d];
      const auto &terms = dim.terms();
      if (terms.size() == 1 && terms.begin()->first.size() == 1 && terms.begin()->second == 1 &&
          Atoms.kindOf(terms.begin()->first[0]) == AtomTable::Kind::Variable &&
          !Vars.count(Atoms.symbolOf(terms.begin()->first[0]))) {
        bindVariable(Atoms.symbolOf(terms.begin()->first[0]), matched.front().shape[d]);
        continue;
      }
      fail(B.CreateICmpEQ(matched.front().shape[d], evaluate(dim, value)), kWrongShape,
           fmt::format("{}: R.match_cast: dimension {} is not {}", Abi.symbol, d, Atoms.str(dim)));
    }
    return matched;
  }
  if (value.kind == ExprKind::Call && value.base && value.base->builtin && value.base->builtin->dialect == Dialect::Relax)
    unsupported(value, fmt::format("R.{} (only R.call_tir-family bindings compile)", value.base->builtin->name));
  unsupported(value, "this Relax value (only R.call_tir-family bindings compile)");
}

void RelaxLowering::lowerBinding(const Stmt &stmt) {
  if (stmt.kind == StmtKind::Expr) {
    if (stmt.value && (stmt.value->isCallTo(Dialect::Relax, "output") || stmt.value->kind == ExprKind::String)) return;
    if (stmt.value) unsupported(*stmt.value, "this Relax statement");
    return;
  }
  if (stmt.kind == StmtKind::Pass) return;
  if (stmt.kind != StmtKind::Assign || stmt.targets.size() != 1 || !stmt.value)
    throw Unsupported(stmt.range, "this Relax statement");
  const Expr &target = *stmt.targets[0];
  if (target.kind == ExprKind::Tuple) {
    // `m, n = T.int64(), T.int64()`: declarations.
    for (const Expr *item : target.items)
      if (!item->symbol || item->symbol->kind != SymbolKind::ShapeVar) unsupported(target, "tuple unpacking");
    return;
  }
  if (target.kind != ExprKind::Name || !target.symbol) unsupported(target, "this binding target");
  SymbolKind kind = target.symbol->kind;
  if (kind == SymbolKind::ModuleAlias || kind == SymbolKind::ShapeVar) return;
  Bindings[target.symbol] = lowerValue(*stmt.value, target.symbol);
  Types.bind(stmt);
}

void RelaxLowering::lowerEntry() {
  B.SetInsertPoint(llvm::BasicBlock::Create(M.context, "entry", Fn));
  const Function &function = *Abi.function;
  Types.bindParams(function);
  const Stmt *returned = nullptr;
  std::vector<const Stmt *> bindings = relaxBindings(function, &returned);

  // Inputs, then outputs (whose shapes may use variables the inputs bind).
  size_t argument = 0;
  std::vector<Tensor> outputs;
  for (const Param &param : function.params) {
    Tensor tensor;
    checkTensor(Fn->getArg(unsigned(argument)), Abi.params[argument], Types.ofVariable(param.symbol), tensor);
    Bindings[param.symbol] = {tensor};
    ++argument;
  }
  RelaxTypes resultTypes(Extents);
  resultTypes.bindParams(function);
  for (const Stmt *stmt : bindings) resultTypes.bind(*stmt);
  std::vector<RelaxType> results = tensorsOf(resultTypes.of(*returned->value));
  for (const RelaxType &type : results) {
    Tensor tensor;
    checkTensor(Fn->getArg(unsigned(argument)), Abi.params[argument], type, tensor);
    outputs.push_back(tensor);
    ++argument;
  }
  // Destination passing: a returned variable is computed straight into its output.
  const Expr &value = *returned->value;
  if (value.kind == ExprKind::Name && value.symbol) {
    for (size_t i = 0; i < outputs.size(); ++i) Destinations[{value.symbol, i}] = outputs[i];
  } else if (value.kind == ExprKind::Tuple) {
    for (size_t i = 0; i < value.items.size() && i < outputs.size(); ++i)
      if (value.items[i]->kind == ExprKind::Name && value.items[i]->symbol)
        Destinations[{value.items[i]->symbol, 0}] = outputs[i];
  }

  for (const Stmt *stmt : bindings) lowerBinding(*stmt);

  Value result = lowerValue(value, nullptr);
  if (result.size() != outputs.size()) unsupported(value, "a result whose tensors differ from the outputs");
  llvm::FunctionCallee copy = M.module.getOrInsertFunction("memmove", B.getPtrTy(), B.getPtrTy(), B.getPtrTy(),
                                                           B.getInt64Ty());
  for (size_t i = 0; i < outputs.size(); ++i) {
    // Computed elsewhere (an input returned as is, an in-place result): copy it over.
    auto *move = llvm::BasicBlock::Create(M.context, "result.copy", Fn);
    auto *next = llvm::BasicBlock::Create(M.context, "result.next", Fn);
    B.CreateCondBr(B.CreateICmpEQ(result[i].data, outputs[i].data), next, move);
    B.SetInsertPoint(move);
    B.CreateCall(copy, {outputs[i].data, result[i].data, bytesOf(outputs[i])});
    B.CreateBr(next);
    B.SetInsertPoint(next);
  }
  freeOwned();
  B.CreateRet(B.getInt32(0));
}

void RelaxLowering::lowerShapeFunction() {
  B.SetInsertPoint(llvm::BasicBlock::Create(M.context, "entry", Fn));
  llvm::Value *values = Fn->getArg(0), *out = Fn->getArg(1);
  for (size_t i = 0; i < Abi.params.size(); ++i)
    if (Abi.params[i].kind == AbiParam::Kind::ShapeVar)
      Vars[Abi.params[i].symbol] = B.CreateLoad(B.getInt64Ty(), B.CreateConstGEP1_64(B.getInt64Ty(), values, i));
  Types.bindParams(*Abi.function);
  const Stmt *returned = nullptr;
  for (const Stmt *stmt : relaxBindings(*Abi.function, &returned)) Types.bind(*stmt);
  std::vector<RelaxType> results = tensorsOf(Types.of(*returned->value));
  uint64_t slot = 0, result = 0;
  auto emit = [&](llvm::Value *v) { B.CreateStore(v, B.CreateConstGEP1_64(B.getInt64Ty(), out, slot++)); };
  for (const AbiParam &param : Abi.params) {
    if (param.kind != AbiParam::Kind::Tensor) continue;
    RelaxType type = param.isOutput ? results[result++] : Types.ofVariable(param.symbol);
    llvm::Value *count = B.getInt64(1);
    for (size_t d = 0; d < type.shape->size(); ++d) {
      llvm::Value *extent = evaluate((*type.shape)[d], *Abi.function->returnAnnotation);
      emit(extent);
      count = B.CreateMul(count, extent);
    }
    emit(count);
  }
  B.CreateRetVoid();
}

void RelaxLowering::lowerCallWrapper() {
  // args[i]: a tensor's data, or the address of a shape variable's int64 value. The tensors'
  // shapes come from the shape function; each DLTensor lives on this frame.
  B.SetInsertPoint(llvm::BasicBlock::Create(M.context, "entry", Fn));
  llvm::Value *args = Fn->getArg(0);
  size_t slots = 0, count = Abi.params.size();
  for (const AbiParam &param : Abi.params)
    if (param.kind == AbiParam::Kind::Tensor) slots += param.dimensions.size() + 1;
  llvm::Value *values = B.CreateAlloca(B.getInt64Ty(), B.getInt64(count + 1));
  for (size_t i = 0; i < count; ++i) {
    llvm::Value *slot = B.CreateLoad(B.getPtrTy(), B.CreateConstGEP1_64(B.getPtrTy(), args, i));
    llvm::Value *value = Abi.params[i].kind == AbiParam::Kind::ShapeVar
                             ? static_cast<llvm::Value *>(B.CreateLoad(B.getInt64Ty(), slot))
                             : B.getInt64(0);
    B.CreateStore(value, B.CreateConstGEP1_64(B.getInt64Ty(), values, i));
  }
  llvm::Value *extents = B.CreateAlloca(B.getInt64Ty(), B.getInt64(slots + 1));
  B.CreateCall(M.module.getFunction("__tvmscript_shapes_" + Abi.symbol), {values, extents});
  std::vector<llvm::Value *> tensors;
  size_t cursor = 0;
  for (size_t i = 0; i < count; ++i) {
    const AbiParam &param = Abi.params[i];
    if (param.kind != AbiParam::Kind::Tensor) continue;
    llvm::Value *dl = B.CreateAlloca(B.getInt8Ty(), B.getInt64(kTensorBytes));
    B.CreateMemSet(dl, B.getInt8(0), kTensorBytes, llvm::MaybeAlign(8));
    auto at = [&](unsigned offset) { return B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), dl, offset); };
    B.CreateStore(B.CreateLoad(B.getPtrTy(), B.CreateConstGEP1_64(B.getPtrTy(), args, i)), at(kData));
    B.CreateStore(B.getInt32(1), at(kDeviceType));
    B.CreateStore(B.getInt32(uint32_t(param.dimensions.size())), at(kNdim));
    B.CreateStore(B.getInt8(uint8_t(dlpackCode(param.dtype))), at(kDtypeCode));
    B.CreateStore(B.getInt8(uint8_t(param.dtype.bits)), at(kDtypeBits));
    B.CreateStore(B.getInt16(1), at(kDtypeLanes));
    B.CreateStore(B.CreateConstGEP1_64(B.getInt64Ty(), extents, cursor), at(kShape));
    cursor += param.dimensions.size() + 1;
    tensors.push_back(dl);
  }
  B.CreateRet(B.CreateCall(M.module.getFunction(Abi.symbol), tensors));
}

} // namespace

void declareRelaxFunction(ModuleContext &module, const FunctionAbi &abi) {
  std::vector<llvm::Type *> params;
  for (const AbiParam &param : abi.params)
    if (param.kind == AbiParam::Kind::Tensor) params.push_back(llvm::PointerType::get(module.context, 0));
  auto *type = llvm::FunctionType::get(llvm::Type::getInt32Ty(module.context), params, false);
  auto linkage = abi.isPublic ? llvm::GlobalValue::ExternalLinkage : llvm::GlobalValue::InternalLinkage;
  llvm::Function *fn = llvm::Function::Create(type, linkage, abi.symbol, module.module);
  for (size_t i = 0; i < params.size(); ++i) fn->getArg(unsigned(i))->setName(abi.params[i].name);
  setFunctionAttributes(module, *fn);
  module.functions[abi.function] = fn;
}

void lowerRelaxFunction(ModuleContext &module, const FunctionAbi &abi) {
  RelaxLowering(module, abi, module.functions.at(abi.function)).lowerEntry();
}

void addRelaxRunnerEntryPoints(ModuleContext &module, const FunctionAbi &abi) {
  llvm::LLVMContext &context = module.context;
  llvm::Type *pointer = llvm::PointerType::get(context, 0);
  auto *shapesType = llvm::FunctionType::get(llvm::Type::getVoidTy(context), {pointer, pointer}, false);
  auto *shapes = llvm::Function::Create(shapesType, llvm::GlobalValue::ExternalLinkage,
                                        "__tvmscript_shapes_" + abi.symbol, module.module);
  setFunctionAttributes(module, *shapes);
  RelaxLowering(module, abi, shapes).lowerShapeFunction();
  auto *callType = llvm::FunctionType::get(llvm::Type::getInt32Ty(context), {pointer}, false);
  auto *call = llvm::Function::Create(callType, llvm::GlobalValue::ExternalLinkage,
                                      "__tvmscript_call_" + abi.symbol, module.module);
  setFunctionAttributes(module, *call);
  RelaxLowering(module, abi, call).lowerCallWrapper();
}

} // namespace tvmscript
