// T.parallel: the loop body becomes a closure run on every thread of an OpenMP team
// (GOMP_parallel), each thread taking one static chunk of the iterations (TVM's
// CreateParallelLaunch does the same over its own pool).
#include "Lowering.h"

namespace tvmscript {

void FunctionLowering::lowerParallel(const Stmt &stmt, const Symbol *var, TypedValue begin, TypedValue end,
                                     const std::function<void()> &body) {
  if (InParallel) unsupported(stmt, "a parallel loop nested in another (fuse them into one)");
  M.usesOpenMP = true;
  llvm::LLVMContext &context = M.context;
  llvm::Type *pointer = llvm::PointerType::get(context, 0);

  // Everything the body may read is captured by value: scalars, let values, buffer layouts.
  llvm::Value *status = entryAlloca(B.getInt32Ty(), nullptr, "parallel.status");
  B.CreateStore(B.getInt32(0), status);
  std::vector<llvm::Value *> captured = {status, begin.ir, end.ir};
  std::vector<std::pair<const Symbol *, DType>> values;
  for (const auto &[symbol, value] : Values) {
    values.push_back({symbol, value.type});
    captured.push_back(value.ir);
  }
  std::vector<std::pair<const Symbol *, DType>> lets;
  for (const auto &[symbol, slot] : Lets) {
    lets.push_back({symbol, slot.second});
    captured.push_back(B.CreateLoad(registerType(context, slot.second), slot.first));
  }
  std::vector<const Buffer *> buffers;
  for (const auto &[buffer, view] : Buffers) {
    buffers.push_back(buffer);
    captured.push_back(view.data);
    captured.push_back(view.elemOffset);
    for (const TypedValue &extent : view.shape) captured.push_back(extent.ir);
    for (llvm::Value *stride : view.strides) captured.push_back(stride);
  }
  std::vector<llvm::Type *> fields;
  for (llvm::Value *value : captured) fields.push_back(value->getType());
  auto *frameType = llvm::StructType::get(context, fields);
  llvm::Value *frame = entryAlloca(frameType, nullptr, "parallel.frame");
  for (size_t i = 0; i < captured.size(); ++i) B.CreateStore(captured[i], B.CreateStructGEP(frameType, frame, unsigned(i)));

  auto *closureType = llvm::FunctionType::get(B.getVoidTy(), {pointer}, false);
  auto *closure = llvm::Function::Create(closureType, llvm::GlobalValue::InternalLinkage,
                                         Fn->getName() + ".parallel", M.module);
  setFunctionAttributes(M, *closure);
  llvm::FunctionCallee launch = M.module.getOrInsertFunction(
      "GOMP_parallel", B.getVoidTy(), pointer, pointer, B.getInt32Ty(), B.getInt32Ty());
  B.CreateCall(launch, {closure, frame, B.getInt32(0), B.getInt32(0)});
  llvm::Value *failed = B.CreateLoad(B.getInt32Ty(), status);
  auto *fail = llvm::BasicBlock::Create(context, "parallel.fail", Fn);
  auto *pass = llvm::BasicBlock::Create(context, "parallel.done", Fn);
  B.CreateCondBr(B.CreateICmpEQ(failed, B.getInt32(0)), pass, fail);
  B.SetInsertPoint(fail);
  emitFailure(failed);
  B.CreateUnreachable();
  B.SetInsertPoint(pass);

  // The closure: the same lowering context pointed at another function.
  llvm::IRBuilderBase::InsertPoint resume = B.saveIP();
  llvm::Function *parent = Fn;
  auto savedValues = std::move(Values);
  auto savedLets = std::move(Lets);
  auto savedBuffers = std::move(Buffers);
  auto savedHeap = std::move(Heap);
  Values.clear();
  Lets.clear();
  Buffers.clear();
  Heap.clear();
  Fn = closure;
  InParallel = true;

  B.SetInsertPoint(llvm::BasicBlock::Create(context, "entry", closure));
  llvm::Value *frameArg = closure->getArg(0);
  size_t field = 0;
  // Constants (static extents and strides) are used as they are: that keeps them visible to
  // the closure's optimisation and to contiguous vector accesses.
  auto next = [&]() -> llvm::Value * {
    unsigned index = unsigned(field++);
    if (auto *constant = llvm::dyn_cast<llvm::Constant>(captured[index])) return constant;
    return B.CreateLoad(fields[index], B.CreateStructGEP(frameType, frameArg, index));
  };
  FailureStatus = next();
  TypedValue from{next(), begin.type}, to{next(), begin.type};
  for (const auto &[symbol, type] : values) Values[symbol] = {next(), type};
  for (const auto &[symbol, type] : lets) {
    llvm::AllocaInst *slot = entryAlloca(registerType(context, type), nullptr, symbol->name.c_str());
    B.CreateStore(next(), slot);
    Lets[symbol] = {slot, type};
  }
  for (const Buffer *buffer : buffers) {
    BufferView view = savedBuffers.at(buffer);
    view.data = next();
    view.elemOffset = next();
    for (TypedValue &extent : view.shape) extent.ir = next();
    for (llvm::Value *&stride : view.strides) stride = next();
    Buffers[buffer] = view;
  }

  // Thread t of n runs [from + t*chunk, min(from + (t+1)*chunk, to)), chunk = ceil(extent / n).
  llvm::FunctionCallee threadNum = M.module.getOrInsertFunction("omp_get_thread_num", B.getInt32Ty());
  llvm::FunctionCallee numThreads = M.module.getOrInsertFunction("omp_get_num_threads", B.getInt32Ty());
  TypedValue thread = Math.cast({B.CreateCall(threadNum), int32Type()}, begin.type);
  TypedValue threads = Math.cast({B.CreateCall(numThreads), int32Type()}, begin.type);
  TypedValue extent = Math.max(Math.binary(BinaryOp::Sub, to, from), Math.intConstant(0, begin.type));
  TypedValue chunk = Math.floorDiv(
      Math.binary(BinaryOp::Sub, Math.binary(BinaryOp::Add, extent, threads), Math.intConstant(1, begin.type)),
      threads);
  TypedValue first = Math.binary(BinaryOp::Add, from, Math.binary(BinaryOp::Mul, thread, chunk));
  TypedValue last = Math.min(Math.binary(BinaryOp::Add, first, chunk), to);
  emitSerialLoop(var, first, last, nullptr, body);
  freeHeapFrom(0);
  B.CreateRetVoid();

  Fn = parent;
  InParallel = false;
  FailureStatus = nullptr;
  Values = std::move(savedValues);
  Lets = std::move(savedLets);
  Buffers = std::move(savedBuffers);
  Heap = std::move(savedHeap);
  B.restoreIP(resume);
}

} // namespace tvmscript
