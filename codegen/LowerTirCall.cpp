// T.call_tir and TIR subroutine calls as direct calls (SPEC §4.1, §4.3, §6): a buffer passes its
// first element's address, a region the address of its first element; the callee's shape and
// stride variables are bound from the caller's extents and strides.
#include "CalleeResolver.h"
#include "Lowering.h"

#include <algorithm>
#include <fmt/format.h>

namespace tvmscript {
namespace {

/// What a caller passes for a callee buffer: where it starts and the layout it covers.
struct PassedRegion {
  llvm::Value *pointer = nullptr;
  std::vector<llvm::Value *> extents; // int64, one per dimension of the region
  std::vector<llvm::Value *> strides; // int64
};

const Symbol *variableOf(const Expr *expr) {
  return expr && expr->kind == ExprKind::Name && expr->symbol ? expr->symbol : nullptr;
}

} // namespace

TypedValue FunctionLowering::lowerTirCall(const Expr &call, const Expr &calleeExpr, size_t firstArg) {
  CalleeResolution resolution = resolveCallee(*Abi.function, calleeExpr);
  if (!resolution.callee) unsupported(calleeExpr, "a call whose callee cannot be resolved");
  const Function &callee = *resolution.callee;
  auto found = M.functions.find(&callee);
  if (found == M.functions.end()) unsupported(calleeExpr, fmt::format("a call to '{}', which is not compiled", callee.name));
  const FunctionAbi &calleeAbi = M.abis.at(&callee);
  size_t count = call.items.size() - firstArg;
  if (count != callee.params.size())
    unsupported(call, fmt::format("a call passing {} arguments to '{}', which takes {}", count, callee.name,
                                  callee.params.size()));

  std::unordered_map<const Symbol *, llvm::Value *> bound; // callee param/variable -> argument
  auto bindVariable = [&](const Expr *dim, llvm::Value *value) {
    if (const Symbol *var = variableOf(dim); var && !bound.count(var)) bound[var] = value;
  };
  for (size_t j = 0; j < count; ++j) {
    const Param &param = callee.params[j];
    const Expr &arg = *call.items[firstArg + j];
    if (!param.buffer && param.kind != ParamKind::Handle && param.kind != ParamKind::Pointer) {
      // The type the callee's signature gives it (Abi.cpp decides it for an unannotated scalar).
      auto abiParam = std::find_if(calleeAbi.params.begin(), calleeAbi.params.end(),
                                   [&](const AbiParam &p) { return p.symbol == param.symbol; });
      TypedValue value = lowerExpr(arg);
      bound[param.symbol] = Math.cast(value, abiParam != calleeAbi.params.end() ? abiParam->dtype : value.type).ir;
      continue;
    }
    PassedRegion region;
    const Buffer *source = arg.kind == ExprKind::Name && arg.symbol ? arg.symbol->buffer
                           : arg.kind == ExprKind::Subscript && arg.base && arg.base->symbol ? arg.base->symbol->buffer
                                                                                               : nullptr;
    if (source && arg.kind == ExprKind::Name) {
      const BufferView &view = viewOf(arg);
      region.pointer = B.CreateInBoundsGEP(storageType(M.context, view.dtype), view.data, view.elemOffset);
      for (const TypedValue &extent : view.shape) region.extents.push_back(Math.cast(extent, int64Type()).ir);
      region.strides = view.strides;
    } else if (source) {
      const BufferView &view = viewOf(*arg.base);
      std::vector<TypedValue> starts;
      for (size_t d = 0; d < view.shape.size(); ++d) {
        // Classic TIR indexes every dimension; TIRx leaves trailing ones implicit (whole).
        const Expr *index = d < arg.items.size() ? arg.items[d] : nullptr;
        if (!index && !M.model.usesTirx()) unsupported(arg, "a region with fewer indices than dimensions");
        llvm::Value *extentOfDim = Math.cast(view.shape[d], int64Type()).ir;
        if (index && index->kind != ExprKind::Slice) {
          starts.push_back(lowerExpr(*index));
          region.extents.push_back(B.getInt64(1));
        } else {
          const Expr *lo = index ? index->items[0] : nullptr;
          const Expr *hi = index ? index->items[1] : nullptr;
          TypedValue start = lo ? lowerExpr(*lo) : Math.intConstant(0, int64Type());
          llvm::Value *stop = hi ? Math.cast(lowerExpr(*hi), int64Type()).ir : extentOfDim;
          starts.push_back(start);
          region.extents.push_back(B.CreateSub(stop, Math.cast(start, int64Type()).ir));
        }
        region.strides.push_back(view.strides[d]);
      }
      region.pointer = elementAddress(view, starts);
    } else {
      TypedValue pointer = lowerExpr(arg);
      if (pointer.type.code != DType::Code::Handle) unsupported(arg, "a non-pointer passed for a buffer");
      region.pointer = pointer.ir;
    }
    bound[param.symbol] = region.pointer;
    const Buffer *target = param.buffer;
    if (!target || !target->shape || region.extents.empty()) continue;
    // Leading unit dimensions of a region beyond the callee's rank are dropped (SPEC §4.1).
    size_t rank = target->shape->size();
    size_t skip = region.extents.size() > rank ? region.extents.size() - rank : 0;
    for (size_t d = 0; d < rank && skip + d < region.extents.size(); ++d)
      bindVariable((*target->shape)[d], region.extents[skip + d]);
    if (target->strides)
      for (size_t d = 0; d < target->strides->items.size() && skip + d < region.strides.size(); ++d)
        bindVariable(target->strides->items[d], region.strides[skip + d]);
  }

  std::vector<llvm::Value *> args;
  for (const AbiParam &param : calleeAbi.params) {
    auto it = bound.find(param.symbol);
    if (it == bound.end())
      unsupported(call, fmt::format("a call that leaves '{}' of '{}' unbound", param.name, callee.name));
    llvm::Value *value = it->second;
    if (param.kind == AbiParam::Kind::ShapeVar) value = B.CreateSExtOrTrunc(value, B.getInt64Ty());
    args.push_back(value);
  }
  llvm::Value *status = B.CreateCall(found->second, args);
  // A failing callee fails the caller with its code (its message is already set).
  auto *fail = llvm::BasicBlock::Create(M.context, "call.fail", Fn);
  auto *pass = llvm::BasicBlock::Create(M.context, "call.ok", Fn);
  B.CreateCondBr(B.CreateICmpEQ(status, B.getInt32(0)), pass, fail, llvm::MDBuilder(M.context).createLikelyBranchWeights());
  B.SetInsertPoint(fail);
  emitFailure(status);
  B.CreateUnreachable();
  B.SetInsertPoint(pass);
  return {status, int32Type()};
}

} // namespace tvmscript
