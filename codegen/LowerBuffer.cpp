// Buffers: views over parameters and regions, allocations on the stack or the heap, and the
// row-major or strided flattening of element accesses (TVMSCRIPT.md §3, §8.1, §8.3).
#include "Lowering.h"

#include "Extents.h"

#include <fmt/format.h>

namespace tvmscript {
namespace {

/// TVM keeps constant allocations under this many bytes on the stack (kMaxStackAlloca).
constexpr uint64_t kMaxStackBytes = 1024;

} // namespace

BufferView FunctionLowering::makeView(const Buffer &buffer, llvm::Value *data, const Expr *declaration) {
  BufferView view;
  view.data = data;
  auto dtype = parseDType(buffer.dtypeName);
  const Expr &where = declaration ? *declaration : *buffer.declaration;
  if (!dtype || dtype->lanes != 1 || dtype->code == DType::Code::Handle ||
      dtype->code == DType::Code::FloatCustom || dtype->code == DType::Code::Custom)
    unsupported(where, fmt::format("a buffer of dtype '{}'", buffer.dtypeName));
  view.dtype = *dtype;
  if (!buffer.shape) unsupported(where, "a buffer whose shape is not a literal tuple");
  for (const Expr *dim : *buffer.shape) {
    TypedValue extent = lowerExpr(*dim);
    if (isFloatType(extent.type)) unsupported(*dim, "a non-integer buffer extent");
    extent.literal = false;
    view.shape.push_back(extent);
  }
  size_t rank = view.shape.size();
  view.strides.resize(rank);
  if (buffer.strides && (buffer.strides->kind == ExprKind::Tuple || buffer.strides->kind == ExprKind::List) &&
      !buffer.strides->items.empty()) {
    if (buffer.strides->items.size() != rank) unsupported(*buffer.strides, "strides whose count differs from the rank");
    for (size_t i = 0; i < rank; ++i)
      view.strides[i] = Math.cast(lowerExpr(*buffer.strides->items[i]), int64Type()).ir;
  } else {
    llvm::Value *stride = B.getInt64(1);
    for (size_t i = rank; i-- > 0;) {
      view.strides[i] = stride;
      stride = B.CreateNSWMul(stride, Math.cast(view.shape[i], int64Type()).ir);
    }
  }
  view.elemOffset = B.getInt64(0);
  if (buffer.declaration)
    if (const Expr *offset = buffer.declaration->keyword("elem_offset"))
      view.elemOffset = Math.cast(lowerExpr(*offset), int64Type()).ir;
  return view;
}

void FunctionLowering::bindParamBuffer(const Buffer &buffer, llvm::Value *data) {
  Buffers[&buffer] = makeView(buffer, data, nullptr);
}

void FunctionLowering::declareBuffer(const Buffer &buffer, const Expr &call) {
  switch (buffer.origin) {
  case BufferOrigin::Param: return;
  case BufferOrigin::MatchBuffer: {
    if (Buffers.count(&buffer)) return; // a parameter's buffer, bound on entry
    const Expr *source = buffer.source;
    if (!source || source->kind != ExprKind::Subscript) unsupported(call, "T.match_buffer of this source");
    // A view of a region: it starts at the region's first element and keeps the enclosing
    // buffer's strides over the region's trailing dimensions.
    const BufferView &outer = viewOf(*source->base);
    std::vector<TypedValue> starts;
    for (const Expr *index : source->items) {
      const Expr *start = index->kind == ExprKind::Slice ? index->items[0] : index;
      starts.push_back(start ? lowerExpr(*start) : Math.intConstant(0, int64Type()));
    }
    BufferView view = makeView(buffer, elementAddress(outer, starts), &call);
    if (!buffer.strides || buffer.strides->items.empty()) {
      size_t rank = view.shape.size();
      if (rank > outer.strides.size()) unsupported(call, "T.match_buffer of higher rank than its source");
      for (size_t i = 0; i < rank; ++i) view.strides[i] = outer.strides[outer.strides.size() - rank + i];
    }
    Buffers[&buffer] = view;
    return;
  }
  case BufferOrigin::View: {
    const Expr *data = buffer.data;
    if (!data) unsupported(call, "T.Buffer without data=");
    TypedValue pointer = lowerExpr(*data);
    if (pointer.type.code != DType::Code::Handle) unsupported(*data, "a buffer view over a non-pointer");
    Buffers[&buffer] = makeView(buffer, pointer.ir, &call);
    return;
  }
  case BufferOrigin::DeclBuffer:
    if (buffer.data) {
      TypedValue pointer = lowerExpr(*buffer.data);
      if (pointer.type.code != DType::Code::Handle) unsupported(*buffer.data, "a buffer view over a non-pointer");
      Buffers[&buffer] = makeView(buffer, pointer.ir, &call);
      return;
    }
    [[fallthrough]];
  case BufferOrigin::AllocBuffer: {
    if (tirCallee(&call) != "alloc_buffer" && tirCallee(&call) != "decl_buffer" &&
        tirCallee(&call) != "sblock_alloc_buffer")
      unsupported(call, "this buffer declaration");
    BufferView view = makeView(buffer, nullptr, &call);
    view.data = allocate(view);
    Buffers[&buffer] = view;
    return;
  }
  }
}

llvm::Value *FunctionLowering::allocate(const BufferView &view) {
  llvm::Type *element = storageType(M.context, view.dtype);
  uint64_t elementBytes = M.module.getDataLayout().getTypeAllocSize(element);
  llvm::Value *count = B.getInt64(1);
  bool constant = true;
  uint64_t constantCount = 1;
  for (const TypedValue &extent : view.shape) {
    llvm::Value *dim = Math.cast(extent, int64Type()).ir;
    count = B.CreateMul(count, dim);
    if (auto *c = llvm::dyn_cast<llvm::ConstantInt>(dim); c && c->getSExtValue() >= 0)
      constantCount *= uint64_t(c->getSExtValue());
    else
      constant = false;
  }
  if (constant && constantCount * elementBytes < kMaxStackBytes)
    return entryAlloca(element, B.getInt64(std::max<uint64_t>(constantCount, 1)), "scratch");
  return allocateBytes(B.CreateMul(count, B.getInt64(elementBytes)));
}

llvm::Value *FunctionLowering::allocateBytes(llvm::Value *bytes) {
  // aligned_alloc wants a multiple of the alignment; 64 bytes suits every vector width.
  llvm::Value *rounded = B.CreateAnd(B.CreateAdd(bytes, B.getInt64(63)), B.getInt64(~uint64_t(63)));
  llvm::Type *pointer = llvm::PointerType::get(M.context, 0);
  llvm::FunctionCallee alignedAlloc =
      M.module.getOrInsertFunction("aligned_alloc", pointer, B.getInt64Ty(), B.getInt64Ty());
  llvm::Value *memory = B.CreateCall(alignedAlloc, {B.getInt64(64), rounded});
  emitCheck(B.CreateOr(B.CreateIsNotNull(memory), B.CreateICmpEQ(rounded, B.getInt64(0))), -1,
            "out of memory");
  Heap.push_back(memory);
  return memory;
}

const BufferView &FunctionLowering::viewOf(const Expr &bufferExpr) {
  if (bufferExpr.kind == ExprKind::Name && bufferExpr.symbol && bufferExpr.symbol->buffer)
    if (auto it = Buffers.find(bufferExpr.symbol->buffer); it != Buffers.end()) return it->second;
  unsupported(bufferExpr, "this buffer expression");
}

std::vector<TypedValue> FunctionLowering::lowerIndices(const Expr &subscript) {
  std::vector<TypedValue> indices;
  for (const Expr *index : subscript.items) {
    if (index->kind == ExprKind::Slice) unsupported(*index, "a vector slice");
    TypedValue value = lowerExpr(*index);
    if (isFloatType(value.type) || value.type.code == DType::Code::Handle)
      unsupported(*index, "a non-integer index");
    indices.push_back(value);
  }
  return indices;
}

llvm::Value *FunctionLowering::elementAddress(const BufferView &view, const std::vector<TypedValue> &indices) {
  llvm::Value *offset = view.elemOffset;
  for (size_t i = 0; i < indices.size(); ++i)
    offset = B.CreateNSWAdd(offset, B.CreateNSWMul(Math.cast(indices[i], int64Type()).ir, view.strides[i]));
  return B.CreateInBoundsGEP(storageType(M.context, view.dtype), view.data, offset);
}

llvm::Value *FunctionLowering::elementAddress(const Expr &subscript) {
  const BufferView &view = viewOf(*subscript.base);
  std::vector<TypedValue> indices = lowerIndices(subscript);
  if (indices.size() != view.shape.size())
    unsupported(subscript, fmt::format("indexing a {}-d buffer with {} indices", view.shape.size(), indices.size()));
  return elementAddress(view, indices);
}

std::vector<TypedValue> FunctionLowering::accessIndices(const Expr &subscript, size_t &lanes) {
  // Each index is a scalar, a vector (T.Ramp, a vectorized loop's variable), or a slice `a:b`
  // of constant length, which is the ramp a + <0, 1, ...>.
  std::vector<TypedValue> indices;
  lanes = 1;
  for (const Expr *index : subscript.items) {
    if (index->kind != ExprKind::Slice) {
      TypedValue value = lowerExpr(*index);
      if (isFloatType(value.type) || value.type.code == DType::Code::Handle) unsupported(*index, "a non-integer index");
      if (value.type.lanes > 1) {
        if (lanes > 1 && lanes != value.type.lanes) unsupported(subscript, "vector indices of different lengths");
        lanes = value.type.lanes;
      }
      indices.push_back(value);
      continue;
    }
    const Expr *lo = index->items[0], *hi = index->items[1];
    if (!hi || index->items[2]) unsupported(*index, "a vector slice without an end, or with a step");
    AtomTable atoms;
    ExtentBuilder extents(M.model, atoms);
    Poly length = extents.of(*hi) - (lo ? extents.of(*lo) : Poly::constant(0));
    auto constant = length.terms().size() == 1 && length.terms().begin()->first.empty() && !length.isUnknown()
                        ? std::optional(length.terms().begin()->second)
                        : std::nullopt;
    if (!constant || *constant < 1 || *constant > 64)
      unsupported(*index, "a vector slice whose length is not a constant from 1 to 64");
    if (lanes > 1 && lanes != size_t(*constant)) unsupported(subscript, "vector indices of different lengths");
    lanes = size_t(*constant);
    TypedValue start = lo ? lowerExpr(*lo) : Math.pythonInt(0);
    start.literal = false;
    DType type = start.type;
    type.lanes = uint16_t(lanes);
    std::vector<llvm::Constant *> steps;
    for (size_t i = 0; i < lanes; ++i) steps.push_back(llvm::ConstantInt::get(registerType(M.context, start.type), i));
    TypedValue offsets{llvm::ConstantVector::get(steps), type};
    offsets.rampBase = llvm::ConstantInt::get(registerType(M.context, start.type), 0);
    offsets.rampStride = 1;
    indices.push_back(Math.binary(BinaryOp::Add, Math.cast(start, type), offsets));
  }
  return indices;
}

std::optional<llvm::Value *> FunctionLowering::contiguousAddress(const BufferView &view,
                                                                 const std::vector<TypedValue> &indices, size_t lanes) {
  // One vector access when the lanes are consecutive elements: every vector index a ramp over
  // a dimension of constant stride, the strides adding up to one element.
  if (lanes < 2 || view.dtype.isBool() || view.dtype.code == DType::Code::BFloat) return std::nullopt;
  int64_t step = 0;
  llvm::Value *offset = view.elemOffset;
  for (size_t i = 0; i < indices.size(); ++i) {
    const TypedValue &index = indices[i];
    llvm::Value *first = index.ir;
    if (index.type.lanes > 1) {
      auto *stride = llvm::dyn_cast<llvm::ConstantInt>(view.strides[i]);
      if (!index.rampBase || !stride) return std::nullopt;
      step += index.rampStride * stride->getSExtValue();
      first = index.rampBase;
    }
    TypedValue scalar{first, elementType(index.type)};
    offset = B.CreateNSWAdd(offset, B.CreateNSWMul(Math.cast(scalar, int64Type()).ir, view.strides[i]));
  }
  if (step != 1) return std::nullopt;
  return B.CreateInBoundsGEP(storageType(M.context, view.dtype), view.data, offset);
}

std::vector<std::vector<TypedValue>> FunctionLowering::laneIndices(const std::vector<TypedValue> &indices, size_t lanes) {
  std::vector<std::vector<TypedValue>> perLane(lanes);
  for (size_t lane = 0; lane < lanes; ++lane)
    for (const TypedValue &index : indices)
      perLane[lane].push_back(index.type.lanes > 1
                                  ? TypedValue{B.CreateExtractElement(index.ir, B.getInt64(lane)), elementType(index.type)}
                                  : index);
  return perLane;
}

TypedValue FunctionLowering::load(const Expr &subscript) {
  const BufferView &view = viewOf(*subscript.base);
  llvm::Type *storage = storageType(M.context, view.dtype);
  size_t lanes = 1;
  std::vector<TypedValue> indices = accessIndices(subscript, lanes);
  if (indices.size() != view.shape.size())
    unsupported(subscript, fmt::format("indexing a {}-d buffer with {} indices", view.shape.size(), indices.size()));
  bool vector = lanes > 1 || std::any_of(subscript.items.begin(), subscript.items.end(),
                                         [](const Expr *index) { return index->kind == ExprKind::Slice; });
  if (!vector) return Math.fromStorage(B.CreateLoad(storage, elementAddress(view, indices)), view.dtype);
  DType type = view.dtype;
  type.lanes = uint16_t(lanes);
  llvm::Type *vectorType = registerType(M.context, type);
  if (auto address = contiguousAddress(view, indices, lanes)) {
    llvm::LoadInst *load = B.CreateLoad(vectorType, *address);
    load->setAlignment(llvm::Align(M.module.getDataLayout().getTypeAllocSize(storage)));
    return {load, type};
  }
  // Otherwise one element per lane.
  llvm::Value *result = llvm::PoisonValue::get(vectorType);
  std::vector<std::vector<TypedValue>> perLane = laneIndices(indices, lanes);
  for (size_t lane = 0; lane < lanes; ++lane) {
    TypedValue element = Math.fromStorage(B.CreateLoad(storage, elementAddress(view, perLane[lane])), view.dtype);
    result = B.CreateInsertElement(result, element.ir, B.getInt64(lane));
  }
  return {result, type};
}

void FunctionLowering::store(const Expr &subscript, TypedValue value) {
  const BufferView &view = viewOf(*subscript.base);
  size_t lanes = 1;
  std::vector<TypedValue> indices = accessIndices(subscript, lanes);
  if (indices.size() != view.shape.size())
    unsupported(subscript, fmt::format("indexing a {}-d buffer with {} indices", view.shape.size(), indices.size()));
  DType type = view.dtype;
  type.lanes = uint16_t(lanes);
  if (value.type.lanes != 1 && value.type.lanes != type.lanes)
    unsupported(subscript, fmt::format("storing {} lanes into {}", value.type.lanes, type.lanes));
  value = Math.cast(value, type);
  if (lanes == 1) {
    B.CreateStore(Math.toStorage(value), elementAddress(view, indices));
    return;
  }
  if (auto address = contiguousAddress(view, indices, lanes)) {
    llvm::StoreInst *store = B.CreateStore(value.ir, *address);
    store->setAlignment(llvm::Align(M.module.getDataLayout().getTypeAllocSize(storageType(M.context, view.dtype))));
    return;
  }
  std::vector<std::vector<TypedValue>> perLane = laneIndices(indices, lanes);
  for (size_t lane = 0; lane < lanes; ++lane) {
    TypedValue element{B.CreateExtractElement(value.ir, B.getInt64(lane)), view.dtype};
    B.CreateStore(Math.toStorage(element), elementAddress(view, perLane[lane]));
  }
}

} // namespace tvmscript
