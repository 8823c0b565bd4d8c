// The entry points runtime/Runner.c calls: a uniform `int32_t call(void **args)` wrapper and a
// shape function for each public PrimFunc.
#include "Lowering.h"
#include "NativeModuleImpl.h"

namespace tvmscript {

void FunctionLowering::lowerShapeFunction() {
  B.SetInsertPoint(llvm::BasicBlock::Create(M.context, "entry", Fn));
  llvm::Value *values = Fn->getArg(0);
  llvm::Value *out = Fn->getArg(1);
  for (size_t i = 0; i < Abi.params.size(); ++i) {
    const AbiParam &param = Abi.params[i];
    bool integer = param.kind == AbiParam::Kind::ShapeVar ||
                   (param.kind == AbiParam::Kind::Scalar && !isFloatType(param.dtype));
    if (!integer) continue;
    llvm::Value *raw = B.CreateLoad(B.getInt64Ty(), B.CreateConstGEP1_64(B.getInt64Ty(), values, i));
    Values[param.symbol] = Math.cast({raw, int64Type()}, param.dtype);
  }
  uint64_t slot = 0;
  auto emit = [&](llvm::Value *value) {
    B.CreateStore(value, B.CreateConstGEP1_64(B.getInt64Ty(), out, slot++));
  };
  for (const AbiParam &param : Abi.params) {
    if (param.kind != AbiParam::Kind::Buffer) continue;
    BufferView view = makeView(*param.buffer, nullptr, nullptr);
    // Span: one past the furthest element, elem_offset included; nothing when an extent is 0.
    llvm::Value *span = B.CreateAdd(view.elemOffset, B.getInt64(1));
    llvm::Value *empty = B.getFalse();
    for (size_t d = 0; d < view.shape.size(); ++d) {
      llvm::Value *extent = Math.cast(view.shape[d], int64Type()).ir;
      emit(extent);
      empty = B.CreateOr(empty, B.CreateICmpSLE(extent, B.getInt64(0)));
      span = B.CreateAdd(span, B.CreateMul(B.CreateSub(extent, B.getInt64(1)), view.strides[d]));
    }
    emit(B.CreateSelect(empty, B.getInt64(0), span));
  }
  B.CreateRetVoid();
}

void addRunnerEntryPoints(ModuleContext &module, const std::vector<FunctionAbi> &abis) {
  llvm::LLVMContext &context = module.context;
  llvm::Type *pointer = llvm::PointerType::get(context, 0);
  for (const FunctionAbi &abi : abis) {
    llvm::Function *target = module.functions.at(abi.function);
    if (!abi.isPublic || target->isDeclaration()) continue;
    if (abi.isRelax) {
      addRelaxRunnerEntryPoints(module, abi);
      continue;
    }

    auto *callType = llvm::FunctionType::get(llvm::Type::getInt32Ty(context), {pointer}, false);
    auto *call = llvm::Function::Create(callType, llvm::GlobalValue::ExternalLinkage,
                                        "__tvmscript_call_" + abi.symbol, module.module);
    setFunctionAttributes(module, *call);
    llvm::IRBuilder<> b(llvm::BasicBlock::Create(context, "entry", call));
    Arithmetic math(b);
    std::vector<llvm::Value *> args;
    for (size_t i = 0; i < abi.params.size(); ++i) {
      const AbiParam &param = abi.params[i];
      llvm::Value *slot = b.CreateLoad(pointer, b.CreateConstGEP1_64(pointer, call->getArg(0), i));
      if (param.kind == AbiParam::Kind::Buffer || param.kind == AbiParam::Kind::Pointer) {
        args.push_back(slot);
      } else if (isFloatType(param.dtype)) {
        TypedValue value{b.CreateLoad(b.getDoubleTy(), slot), *parseDType("float64")};
        args.push_back(math.cast(value, param.dtype).ir);
      } else if (param.kind == AbiParam::Kind::ShapeVar) {
        args.push_back(b.CreateLoad(b.getInt64Ty(), slot)); // passed as int64_t
      } else {
        args.push_back(math.cast({b.CreateLoad(b.getInt64Ty(), slot), int64Type()}, param.dtype).ir);
      }
    }
    b.CreateRet(b.CreateCall(target, args));

    auto *shapesType = llvm::FunctionType::get(llvm::Type::getVoidTy(context), {pointer, pointer}, false);
    auto *shapes = llvm::Function::Create(shapesType, llvm::GlobalValue::ExternalLinkage,
                                          "__tvmscript_shapes_" + abi.symbol, module.module);
    setFunctionAttributes(module, *shapes);
    FunctionLowering(module, abi, shapes).lowerShapeFunction();
  }
}

} // namespace tvmscript
