// Declaring PrimFuncs with their native ABI, binding parameters on entry, and the failure path
// that asserts and allocation failures take.
#include "Lowering.h"

#include <fmt/format.h>

namespace tvmscript {

llvm::Type *registerType(llvm::LLVMContext &context, const DType &dtype) {
  llvm::Type *scalar = nullptr;
  switch (dtype.code) {
  case DType::Code::Int:
  case DType::Code::UInt: scalar = llvm::Type::getIntNTy(context, dtype.bits); break;
  case DType::Code::Float:
    scalar = dtype.bits == 16   ? llvm::Type::getHalfTy(context)
             : dtype.bits == 64 ? llvm::Type::getDoubleTy(context)
                                : llvm::Type::getFloatTy(context);
    break;
  case DType::Code::BFloat: scalar = llvm::Type::getFloatTy(context); break;
  default: scalar = llvm::PointerType::get(context, 0); break;
  }
  return dtype.lanes > 1 ? llvm::FixedVectorType::get(scalar, dtype.lanes) : scalar;
}

llvm::Type *storageType(llvm::LLVMContext &context, const DType &dtype) {
  if (dtype.isBool()) return llvm::Type::getInt8Ty(context);
  if (dtype.code == DType::Code::BFloat) return llvm::Type::getInt16Ty(context);
  return registerType(context, dtype);
}

llvm::GlobalVariable *ModuleContext::lastError() {
  constexpr const char *kName = "tvmscript_last_error";
  if (auto *existing = module.getGlobalVariable(kName)) return existing;
  auto *pointer = llvm::PointerType::get(context, 0);
  // Weak: several compiled modules linked into one program share the one message.
  return new llvm::GlobalVariable(module, pointer, false, llvm::GlobalValue::WeakAnyLinkage,
                                  llvm::ConstantPointerNull::get(pointer), kName);
}

namespace {

bool isSupportedScalar(const DType &type) {
  if (type.lanes != 1 || type.scalableLanes) return false;
  switch (type.code) {
  case DType::Code::Int:
  case DType::Code::UInt: return type.bits == 1 || type.bits == 8 || type.bits == 16 || type.bits == 32 || type.bits == 64;
  case DType::Code::Float: return type.bits == 16 || type.bits == 32 || type.bits == 64;
  case DType::Code::BFloat: return type.bits == 16;
  case DType::Code::Handle: return true;
  default: return false;
  }
}

llvm::Function *declareFunction(ModuleContext &module, const FunctionAbi &abi) {
  llvm::LLVMContext &context = module.context;
  std::vector<llvm::Type *> params;
  for (const AbiParam &param : abi.params) {
    switch (param.kind) {
    case AbiParam::Kind::Buffer:
    case AbiParam::Kind::Pointer: params.push_back(llvm::PointerType::get(context, 0)); break;
    case AbiParam::Kind::Scalar: params.push_back(registerType(context, param.dtype)); break;
    case AbiParam::Kind::ShapeVar: params.push_back(llvm::Type::getInt64Ty(context)); break;
    }
  }
  auto *type = llvm::FunctionType::get(llvm::Type::getInt32Ty(context), params, false);
  auto linkage = abi.isPublic ? llvm::GlobalValue::ExternalLinkage : llvm::GlobalValue::InternalLinkage;
  llvm::Function *fn = llvm::Function::Create(type, linkage, abi.symbol, module.module);
  for (size_t i = 0; i < abi.params.size(); ++i) {
    llvm::Argument *arg = fn->getArg(unsigned(i));
    arg->setName(abi.params[i].name);
    // Distinct buffers never overlap (TVM's tir.noalias, on by default for TVMScript).
    if (abi.params[i].kind == AbiParam::Kind::Buffer) arg->addAttr(llvm::Attribute::NoAlias);
    if (abi.params[i].kind == AbiParam::Kind::Scalar && abi.params[i].dtype.isBool())
      arg->addAttr(llvm::Attribute::ZExt);
  }
  return fn;
}

} // namespace

/// Sets what every function we emit carries: the target CPU and its features, no unwinding,
/// and the fast-math promise when asked for.
void setFunctionAttributes(ModuleContext &module, llvm::Function &fn) {
  fn.addFnAttr("target-cpu", module.target.getTargetCPU());
  fn.addFnAttr("target-features", module.target.getTargetFeatureString());
  fn.addFnAttr(llvm::Attribute::NoUnwind);
  if (module.options.fastMath) {
    fn.addFnAttr("unsafe-fp-math", "true");
    fn.addFnAttr("no-infs-fp-math", "true");
    fn.addFnAttr("no-nans-fp-math", "true");
    fn.addFnAttr("no-signed-zeros-fp-math", "true");
  }
}

FunctionLowering::FunctionLowering(ModuleContext &module, const FunctionAbi &abi, llvm::Function *target)
    : M(module), Abi(abi), Fn(target ? target : module.functions.at(abi.function)), B(module.context), Math(B) {}

void FunctionLowering::lower() {
  const Function &function = *Abi.function;
  auto *entry = llvm::BasicBlock::Create(M.context, "entry", Fn);
  B.SetInsertPoint(entry);
  llvm::FastMathFlags flags;
  flags.setAllowContract(true); // fuse a*b+c into FMA, as C compilers do by default
  if (M.options.fastMath) flags.setFast();
  B.setFastMathFlags(flags);

  for (size_t i = 0; i < Abi.params.size(); ++i) {
    const AbiParam &param = Abi.params[i];
    llvm::Value *arg = Fn->getArg(unsigned(i));
    if (!isSupportedScalar(param.dtype))
      throw Unsupported(param.symbol->definition,
                        fmt::format("parameter '{}' of type {}", param.name, param.dtype.str()));
    if (param.kind == AbiParam::Kind::ShapeVar)
      Values[param.symbol] = Math.cast({arg, int64Type()}, param.dtype);
    else if (param.kind == AbiParam::Kind::Scalar)
      Values[param.symbol] = {arg, param.dtype};
    else if (param.kind == AbiParam::Kind::Pointer)
      Values[param.symbol] = {arg, handleType()};
  }
  // Buffers last: their shapes may use any scalar or shape variable.
  for (size_t i = 0; i < Abi.params.size(); ++i) {
    const AbiParam &param = Abi.params[i];
    if (param.kind != AbiParam::Kind::Buffer) continue;
    // A matched `T.handle` parameter stays usable as a pointer; a `T.Buffer` parameter's name
    // is the buffer, which is no value.
    if (param.symbol->kind != SymbolKind::Buffer) Values[param.symbol] = {Fn->getArg(unsigned(i)), handleType()};
    bindParamBuffer(*param.buffer, Fn->getArg(unsigned(i)));
  }

  lowerStatements(function.body);
  freeHeapFrom(0);
  B.CreateRet(B.getInt32(0));
}

// ---------------------------------------------------------------------------------------------
// Failure paths.

void FunctionLowering::freeHeapFrom(size_t mark) {
  if (Heap.size() <= mark) return;
  llvm::FunctionCallee free = M.module.getOrInsertFunction(
      "free", llvm::Type::getVoidTy(M.context), llvm::PointerType::get(M.context, 0));
  for (size_t i = Heap.size(); i > mark; --i) B.CreateCall(free, {Heap[i - 1]});
  Heap.resize(mark);
}

void FunctionLowering::emitFailure(llvm::Value *code) {
  std::vector<llvm::Value *> live = Heap;
  freeHeapFrom(0);
  Heap = std::move(live);
  if (InParallel) {
    B.CreateStore(code, FailureStatus);
    B.CreateRetVoid();
  } else {
    B.CreateRet(code);
  }
  B.SetInsertPoint(llvm::BasicBlock::Create(M.context, "unreachable", Fn));
}

void FunctionLowering::emitCheck(llvm::Value *condition, int32_t code, const std::string &message) {
  auto *fail = llvm::BasicBlock::Create(M.context, "check.fail", Fn);
  auto *pass = llvm::BasicBlock::Create(M.context, "check.pass", Fn);
  B.CreateCondBr(condition, pass, fail, llvm::MDBuilder(M.context).createLikelyBranchWeights());
  B.SetInsertPoint(fail);
  B.CreateStore(B.CreateGlobalStringPtr(message), M.lastError());
  emitFailure(B.getInt32(code));
  B.CreateUnreachable();
  B.SetInsertPoint(pass);
}

llvm::AllocaInst *FunctionLowering::entryAlloca(llvm::Type *type, llvm::Value *count, const char *name) {
  llvm::BasicBlock &entry = Fn->getEntryBlock();
  llvm::IRBuilder<> at(&entry, entry.getFirstInsertionPt());
  llvm::AllocaInst *slot = at.CreateAlloca(type, count, name);
  slot->setAlignment(llvm::Align(count ? 64 : 8));
  return slot;
}

void FunctionLowering::unsupported(const Expr &expr, const std::string &what) const {
  throw Unsupported(expr.range, what);
}

void FunctionLowering::unsupported(const Stmt &stmt, const std::string &what) const {
  throw Unsupported(stmt.range, what);
}

// ---------------------------------------------------------------------------------------------
// The module.

std::vector<Diagnostic> lowerToLLVM(ModuleContext &module, const std::vector<FunctionAbi> &abis) {
  for (const FunctionAbi &abi : abis) {
    module.abis[abi.function] = abi;
    if (abi.isRelax) {
      declareRelaxFunction(module, abi);
      continue;
    }
    llvm::Function *fn = declareFunction(module, abi);
    setFunctionAttributes(module, *fn);
    module.functions[abi.function] = fn;
  }
  std::vector<Diagnostic> diagnostics;
  for (const FunctionAbi &abi : abis) {
    try {
      if (abi.isRelax) lowerRelaxFunction(module, module.abis.at(abi.function));
      else FunctionLowering(module, module.abis.at(abi.function)).lower();
    } catch (const Unsupported &error) {
      Diagnostic diagnostic;
      diagnostic.code = "unsupported-construct";
      diagnostic.range = error.range;
      diagnostic.message = fmt::format("cannot compile {} to native code", error.what());
      diagnostics.push_back(std::move(diagnostic));
      module.functions.at(abi.function)->deleteBody();
    }
  }
  return diagnostics;
}

} // namespace tvmscript
