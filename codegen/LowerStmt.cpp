// Statements: loops, conditionals, blocks, bindings, stores and asserts (TVMSCRIPT.md §4, §8).
#include "Lowering.h"

#include <fmt/format.h>

#include <unordered_set>

namespace tvmscript {
namespace {

/// Statements that only describe a block (its axes, regions, attributes, init) and emit nothing
/// where they stand.
bool isBlockDeclaration(const Stmt &stmt) {
  if (stmt.kind == StmtKind::Expr) {
    std::string_view name = tirCallee(stmt.value);
    return name == "reads" || name == "writes" || name == "where" || name == "block_attr" ||
           name == "sblock_attr";
  }
  if (stmt.kind == StmtKind::Assign)
    return tirCallee(stmt.value).starts_with("axis.");
  if (stmt.kind == StmtKind::With)
    return stmt.items.size() == 1 && tirCallee(stmt.items[0]) == "init";
  return false;
}

} // namespace

void FunctionLowering::lowerStatements(const std::vector<Stmt *> &statements) {
  // What a statement list binds (loop and block variables, buffers) ends with it: an IR value
  // from inside would not dominate what follows (and a parallel loop captures every binding).
  size_t mark = Heap.size();
  auto values = Values;
  auto buffers = Buffers;
  for (const Stmt *stmt : statements) lowerStatement(*stmt);
  freeHeapFrom(mark);
  Values = std::move(values);
  Buffers = std::move(buffers);
}

void FunctionLowering::lowerStatement(const Stmt &stmt) {
  switch (stmt.kind) {
  case StmtKind::For: return lowerFor(stmt);
  case StmtKind::While: return lowerWhile(stmt);
  case StmtKind::If: return lowerIf(stmt);
  case StmtKind::With: return lowerWith(stmt);
  case StmtKind::Assign: return lowerAssign(stmt);
  case StmtKind::BufferStore:
    if (!stmt.value || stmt.targets.empty()) unsupported(stmt, "a store without a value");
    return lowerStore(*stmt.targets[0], *stmt.value);
  case StmtKind::AugAssign:
    if (!stmt.value || stmt.targets.empty()) unsupported(stmt, "an augmented assignment without a value");
    return lowerAugAssign(stmt);
  case StmtKind::Expr:
    if (stmt.value) lowerEvaluate(*stmt.value);
    return;
  case StmtKind::Assert:
    if (stmt.items.empty()) unsupported(stmt, "an assert without a condition");
    return lowerAssert(*stmt.items[0], stmt.items.size() > 1 ? stmt.items[1] : nullptr);
  case StmtKind::Return:
    if (stmt.value) unsupported(stmt, "a return with a value");
    freeHeapFrom(0);
    if (InParallel) unsupported(stmt, "a return inside a parallel loop");
    B.CreateRet(B.getInt32(0));
    B.SetInsertPoint(llvm::BasicBlock::Create(M.context, "after.return", Fn));
    return;
  case StmtKind::Pass: return;
  case StmtKind::FunctionDef: unsupported(stmt, "a nested function definition");
  case StmtKind::Other: unsupported(stmt, "this statement");
  }
}

// ---------------------------------------------------------------------------------------------
// Loops.

void FunctionLowering::lowerFor(const Stmt &stmt) {
  const Expr *iterable = stmt.value;
  if (stmt.loop == LoopKind::ThreadBinding) unsupported(*iterable, "a GPU thread binding (T.thread_binding)");
  if (stmt.loop == LoopKind::Python || !iterable || iterable->kind != ExprKind::Call)
    unsupported(stmt, "a Python-level loop");
  if (!iterable->keywords.empty())
    for (const Keyword &keyword : iterable->keywords)
      if (keyword.name != "annotations" && keyword.name != "thread")
        unsupported(*keyword.value, fmt::format("the loop keyword '{}'", keyword.name));

  if (stmt.loop == LoopKind::Grid) {
    if (stmt.targets.size() != iterable->items.size())
      unsupported(stmt, "a T.grid whose variables and extents differ in number");
    size_t hoist = initHoistLevel(stmt);
    std::function<void(size_t)> nest = [&](size_t level) {
      if (level == stmt.targets.size()) return lowerStatements(stmt.body);
      if (level == hoist) hoistInit(stmt, level);
      TypedValue extent = lowerExpr(*iterable->items[level]);
      lowerLoop(stmt, stmt.targets[level]->symbol, Math.intConstant(0, extent.type), extent,
                LoopKind::Serial, [&] { nest(level + 1); });
      if (level == hoist) HoistedInits.erase(stmt.body.front());
    };
    return nest(0);
  }
  if (stmt.targets.size() != 1) unsupported(stmt, "a loop over several variables");
  const auto &args = iterable->items;
  if (args.empty() || args.size() > 3) unsupported(*iterable, "a loop range with this many arguments");
  TypedValue begin = args.size() >= 2 ? lowerExpr(*args[0]) : Math.pythonInt(0);
  TypedValue end = lowerExpr(*args[args.size() >= 2 ? 1 : 0]);
  if (args.size() == 3) {
    // range(a, b, step) only with a positive constant step: rewrite as a unit loop.
    unsupported(*args[2], "a loop step");
  }
  lowerLoop(stmt, stmt.targets[0]->symbol, begin, end, stmt.loop, [&] { lowerStatements(stmt.body); });
}

namespace {

bool mentions(const Expr *expr, const std::vector<const Symbol *> &symbols) {
  if (!expr) return false;
  if (expr->kind == ExprKind::Name && std::find(symbols.begin(), symbols.end(), expr->symbol) != symbols.end())
    return true;
  if (mentions(expr->base, symbols)) return true;
  for (const Expr *item : expr->items)
    if (mentions(item, symbols)) return true;
  for (const Keyword &keyword : expr->keywords)
    if (mentions(keyword.value, symbols)) return true;
  return false;
}

} // namespace

namespace {

/// Whether an expression computes the same in vector form, lane by lane: arithmetic, compares,
/// loads, casts and the builtins whose vector forms are the same operation.
bool vectorizableExpr(const Expr *expr) {
  if (!expr) return true;
  switch (expr->kind) {
  case ExprKind::Name:
  case ExprKind::Int:
  case ExprKind::Float:
  case ExprKind::Bool: return true;
  case ExprKind::Binary:
    if (expr->binary == BinaryOp::Pow || expr->binary == BinaryOp::MatMul) return false;
    [[fallthrough]];
  case ExprKind::Unary:
  case ExprKind::Compare:
  case ExprKind::BoolOp:
  case ExprKind::Not:
    return std::all_of(expr->items.begin(), expr->items.end(), vectorizableExpr);
  case ExprKind::Subscript:
    return expr->base && expr->base->kind == ExprKind::Name &&
           std::all_of(expr->items.begin(), expr->items.end(),
                       [](const Expr *index) { return index->kind != ExprKind::Slice && vectorizableExpr(index); });
  case ExprKind::Call: {
    static const std::unordered_set<std::string_view> kLaneWise = {
        "Cast", "cast", "min", "max", "Select", "floordiv", "floormod", "truncdiv", "truncmod", "abs", "exp",
        "exp2", "log", "log2", "log10", "sqrt", "floor", "ceil", "trunc", "fabs", "round", "nearbyint", "fma",
        "float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"};
    if (!expr->base || !expr->base->builtin || expr->base->builtin->dialect != Dialect::TIR ||
        !kLaneWise.count(expr->base->builtin->name) || !expr->keywords.empty())
      return false;
    return std::all_of(expr->items.begin(), expr->items.end(), [](const Expr *item) {
      return item->kind == ExprKind::String || vectorizableExpr(item);
    });
  }
  default: return false;
  }
}

} // namespace

bool FunctionLowering::isVectorizable(const Stmt &loop) const {
  for (const Stmt *stmt : loop.body) {
    switch (stmt->kind) {
    case StmtKind::BufferStore:
      if (!vectorizableExpr(stmt->targets[0]) || !vectorizableExpr(stmt->value)) return false;
      // A store whose address does not depend on the lane would race with itself.
      break;
    case StmtKind::AugAssign:
      if (stmt->targets[0]->kind != ExprKind::Subscript || !vectorizableExpr(stmt->targets[0]) ||
          !vectorizableExpr(stmt->value))
        return false;
      break;
    default: return false;
    }
    if (stmt->targets[0]->kind == ExprKind::Subscript &&
        std::none_of(stmt->targets[0]->items.begin(), stmt->targets[0]->items.end(),
                     [&](const Expr *index) { return mentions(index, {loop.targets[0]->symbol}); }))
      return false;
  }
  return !loop.body.empty();
}

size_t FunctionLowering::initHoistLevel(const Stmt &grid) const {
  // `for i, j, k in T.grid(...)` around one block whose reduction axes are exactly the trailing
  // loops (from 0), with no T.where: its T.init can run once before those loops instead of
  // being tested on every iteration (TVM's LowerInitBlock leaves that to later passes).
  size_t none = grid.targets.size();
  if (grid.body.size() != 1 || !grid.body[0]->block || grid.body[0]->block->init.empty() || grid.body[0]->block->where)
    return none;
  const BlockInfo &block = *grid.body[0]->block;
  std::vector<const Symbol *> reductionLoops;
  for (const BlockAxis &axis : block.axes) {
    if (axis.kind != AxisKind::Reduce) continue;
    if (!axis.binding || axis.binding->kind != ExprKind::Name || !axis.binding->symbol) return none;
    if (axis.domain && (axis.domain->kind == ExprKind::Tuple || axis.domain->kind == ExprKind::List)) return none;
    reductionLoops.push_back(axis.binding->symbol);
  }
  if (reductionLoops.empty() || reductionLoops.size() >= grid.targets.size()) return none;
  size_t level = grid.targets.size() - reductionLoops.size();
  for (size_t i = level; i < grid.targets.size(); ++i)
    if (std::find(reductionLoops.begin(), reductionLoops.end(), grid.targets[i]->symbol) == reductionLoops.end())
      return none;
  for (const BlockAxis &axis : block.axes) {
    if (axis.symbol && !axis.binding) return none; // lowerBlock reports it
    if (axis.kind != AxisKind::Reduce && mentions(axis.binding, reductionLoops)) return none;
  }
  return level;
}

void FunctionLowering::hoistInit(const Stmt &grid, size_t level) {
  const Stmt &blockStmt = *grid.body.front();
  const BlockInfo &block = *blockStmt.block;
  // Only when the reduction runs at all: with an empty reduction loop the init never runs.
  llvm::Value *runs = B.getTrue();
  for (size_t i = level; i < grid.targets.size(); ++i) {
    TypedValue extent = lowerExpr(*grid.value->items[i]);
    runs = B.CreateAnd(runs, Math.compare(">", extent, Math.intConstant(0, extent.type)).ir);
  }
  auto *init = llvm::BasicBlock::Create(M.context, "init.hoisted", Fn);
  auto *after = llvm::BasicBlock::Create(M.context, "init.done", Fn);
  B.CreateCondBr(runs, init, after);
  B.SetInsertPoint(init);
  auto saved = Values;
  for (size_t i = level; i < grid.targets.size(); ++i) Values[grid.targets[i]->symbol] = Math.intConstant(0, int32Type());
  for (const BlockAxis &axis : block.axes) {
    if (!axis.symbol) continue;
    TypedValue value = lowerExpr(*axis.binding);
    value.literal = false;
    Values[axis.symbol] = value;
  }
  lowerStatements(block.init);
  Values = std::move(saved);
  B.CreateBr(after);
  B.SetInsertPoint(after);
  HoistedInits.insert(&blockStmt);
}

void FunctionLowering::lowerLoop(const Stmt &stmt, const Symbol *var, TypedValue begin, TypedValue end,
                                 LoopKind kind, const std::function<void()> &body) {
  std::tie(begin, end) = Math.match(begin, end);
  if (isFloatType(begin.type) || begin.type.isBool()) unsupported(stmt, "a loop over non-integer bounds");
  begin.literal = end.literal = false;

  auto *constBegin = llvm::dyn_cast<llvm::ConstantInt>(begin.ir);
  auto *constEnd = llvm::dyn_cast<llvm::ConstantInt>(end.ir);
  switch (kind) {
  case LoopKind::Unroll: {
    // TVM's UnrollLoop copies the body for constant extents up to 64. Past that, for symbolic
    // extents, and past kMaxUnrolledCopies copies in all (nested unrolls multiply), an ordinary
    // loop, which LLVM's unroller may unroll within its thresholds (a full-unroll hint would
    // unroll each loop of a nest within them, and the nest as a whole far past them): the code
    // size, and the compile time, stay bounded.
    constexpr int64_t kMaxUnrolledCopies = 256;
    int64_t extent = constBegin && constEnd ? constEnd->getSExtValue() - constBegin->getSExtValue() : -1;
    if (extent >= 0 && extent <= 64 && UnrolledCopies * std::max<int64_t>(extent, 1) <= kMaxUnrolledCopies) {
      int64_t outer = UnrolledCopies;
      UnrolledCopies *= std::max<int64_t>(extent, 1);
      for (int64_t i = constBegin->getSExtValue(); i < constEnd->getSExtValue(); ++i) {
        Values[var] = Math.intConstant(i, begin.type);
        body();
      }
      UnrolledCopies = outer;
      Values.erase(var);
      return;
    }
    return emitSerialLoop(var, begin, end, nullptr, body);
  }
  case LoopKind::Vectorized: {
    // A constant extent over straight-line stores becomes vector code, as TVM's VectorizeLoop
    // makes it: the variable is the vector begin + <0, 1, ..., n-1>. Anything else is a loop
    // LLVM's vectoriser is asked to vectorise (with a scalar tail).
    if (constBegin && constEnd && isVectorizable(stmt)) {
      int64_t lanes = constEnd->getSExtValue() - constBegin->getSExtValue();
      if (lanes >= 2 && lanes <= 64) {
        DType type = begin.type;
        type.lanes = uint16_t(lanes);
        std::vector<llvm::Constant *> steps;
        for (int64_t i = 0; i < lanes; ++i)
          steps.push_back(llvm::ConstantInt::get(registerType(M.context, begin.type), uint64_t(constBegin->getSExtValue() + i)));
        TypedValue ramp{llvm::ConstantVector::get(steps), type};
        ramp.rampBase = constBegin;
        ramp.rampStride = 1;
        Values[var] = ramp;
        body();
        Values.erase(var);
        return;
      }
    }
    llvm::Metadata *enable[] = {llvm::MDString::get(M.context, "llvm.loop.vectorize.enable"),
                                llvm::ConstantAsMetadata::get(B.getTrue())};
    return emitSerialLoop(var, begin, end, llvm::MDNode::get(M.context, enable), body);
  }
  case LoopKind::Parallel: return lowerParallel(stmt, var, begin, end, body);
  default: return emitSerialLoop(var, begin, end, nullptr, body);
  }
}

void FunctionLowering::emitSerialLoop(const Symbol *var, TypedValue begin, TypedValue end,
                                      llvm::MDNode *property, const std::function<void()> &body) {
  llvm::BasicBlock *preheader = B.GetInsertBlock();
  auto *header = llvm::BasicBlock::Create(M.context, "for.header", Fn);
  auto *bodyBlock = llvm::BasicBlock::Create(M.context, "for.body", Fn);
  auto *exit = llvm::BasicBlock::Create(M.context, "for.end", Fn);
  B.CreateBr(header);
  B.SetInsertPoint(header);
  llvm::PHINode *index = B.CreatePHI(begin.ir->getType(), 2, var ? var->name : "i");
  index->addIncoming(begin.ir, preheader);
  llvm::Value *more = isSignedType(begin.type) ? B.CreateICmpSLT(index, end.ir) : B.CreateICmpULT(index, end.ir);
  B.CreateCondBr(more, bodyBlock, exit);

  B.SetInsertPoint(bodyBlock);
  Values[var] = {index, begin.type};
  body();
  llvm::Value *next = B.CreateAdd(index, llvm::ConstantInt::get(index->getType(), 1), "", false,
                                  isSignedType(begin.type));
  llvm::BranchInst *latch = B.CreateBr(header);
  index->addIncoming(next, B.GetInsertBlock());
  // Loop properties: the self-referential node LLVM's loop passes read.
  std::vector<llvm::Metadata *> properties = {nullptr};
  properties.push_back(llvm::MDNode::get(M.context, llvm::MDString::get(M.context, "llvm.loop.mustprogress")));
  if (property) properties.push_back(property);
  llvm::MDNode *loopId = llvm::MDNode::getDistinct(M.context, properties);
  loopId->replaceOperandWith(0, loopId);
  latch->setMetadata(llvm::LLVMContext::MD_loop, loopId);
  B.SetInsertPoint(exit);
  Values.erase(var);
}

void FunctionLowering::lowerWhile(const Stmt &stmt) {
  auto *header = llvm::BasicBlock::Create(M.context, "while.header", Fn);
  auto *bodyBlock = llvm::BasicBlock::Create(M.context, "while.body", Fn);
  auto *exit = llvm::BasicBlock::Create(M.context, "while.end", Fn);
  B.CreateBr(header);
  B.SetInsertPoint(header);
  B.CreateCondBr(Math.cast(lowerExpr(*stmt.value), boolType()).ir, bodyBlock, exit);
  B.SetInsertPoint(bodyBlock);
  lowerStatements(stmt.body);
  B.CreateBr(header);
  B.SetInsertPoint(exit);
}

void FunctionLowering::lowerIf(const Stmt &stmt) {
  llvm::Value *condition = Math.cast(lowerExpr(*stmt.value), boolType()).ir;
  auto *thenBlock = llvm::BasicBlock::Create(M.context, "if.then", Fn);
  auto *elseBlock = llvm::BasicBlock::Create(M.context, "if.else", Fn);
  auto *merge = llvm::BasicBlock::Create(M.context, "if.end", Fn);
  B.CreateCondBr(condition, thenBlock, elseBlock);
  B.SetInsertPoint(thenBlock);
  lowerStatements(stmt.body);
  B.CreateBr(merge);
  B.SetInsertPoint(elseBlock);
  lowerStatements(stmt.orelse);
  B.CreateBr(merge);
  B.SetInsertPoint(merge);
}

// ---------------------------------------------------------------------------------------------
// With statements and blocks.

void FunctionLowering::lowerWith(const Stmt &stmt) {
  if (stmt.block) return lowerBlock(stmt);
  if (stmt.items.size() != 1) unsupported(stmt, "a with statement over several contexts");
  const Expr &context = *stmt.items[0];
  std::string_view name = tirCallee(&context);
  if (name == "attr" || name == "block_attr") return lowerStatements(stmt.body);
  if (name == "Assert") {
    lowerAssert(*context.argument(0, "condition"), context.argument(1, "message"));
    return lowerStatements(stmt.body);
  }
  if (name == "LetStmt" && stmt.targets.size() == 1 && stmt.targets[0]->symbol) {
    // `with T.LetStmt(value) as x:` binds x for the body.
    bindLet(stmt.targets[0]->symbol, lowerExpr(*context.argument(0, "value")), nullptr);
    return lowerStatements(stmt.body);
  }
  if (name == "launch_thread" || name == "env_thread") unsupported(context, "a GPU thread launch (T.launch_thread)");
  if (name == "init") unsupported(context, "T.init() outside a block");
  unsupported(context, name.empty() ? "this with statement" : fmt::format("'with T.{}'", name));
}

void FunctionLowering::lowerBlock(const Stmt &stmt) {
  const BlockInfo &block = *stmt.block;
  for (const BlockAxis &axis : block.axes) {
    if (!axis.symbol) continue;
    if (!axis.binding) unsupported(stmt, fmt::format("block variable '{}' without a binding", axis.symbol->name));
    TypedValue value = lowerExpr(*axis.binding);
    value.literal = false;
    Values[axis.symbol] = value;
  }
  std::vector<Stmt *> body;
  for (Stmt *inner : stmt.body)
    if (!isBlockDeclaration(*inner)) body.push_back(inner);

  auto lowerContents = [&] {
    if (!block.init.empty() && !HoistedInits.count(&stmt)) {
      // T.init runs when every reduction variable is at the start of its domain.
      llvm::Value *first = B.getTrue();
      for (const BlockAxis &axis : block.axes) {
        if (axis.kind != AxisKind::Reduce || !axis.symbol) continue;
        TypedValue start = Math.pythonInt(0);
        if (axis.domain && (axis.domain->kind == ExprKind::Tuple || axis.domain->kind == ExprKind::List) &&
            !axis.domain->items.empty())
          start = lowerExpr(*axis.domain->items[0]);
        first = B.CreateAnd(first, Math.compare("==", Values.at(axis.symbol), start).ir);
      }
      auto *init = llvm::BasicBlock::Create(M.context, "block.init", Fn);
      auto *rest = llvm::BasicBlock::Create(M.context, "block.update", Fn);
      B.CreateCondBr(first, init, rest);
      B.SetInsertPoint(init);
      lowerStatements(block.init);
      B.CreateBr(rest);
      B.SetInsertPoint(rest);
    }
    bool reduction = std::any_of(block.axes.begin(), block.axes.end(),
                                 [](const BlockAxis &axis) { return axis.kind == AxisKind::Reduce; });
    llvm::FastMathFlags saved = B.getFastMathFlags();
    if (reduction && !M.options.strictFp) {
      // Reduction updates may be reassociated (TVM's and every BLAS's choice): that is what
      // lets them vectorise.
      llvm::FastMathFlags flags = saved;
      flags.setAllowReassoc(true);
      B.setFastMathFlags(flags);
    }
    lowerStatements(body);
    B.setFastMathFlags(saved);
  };

  if (!block.where) {
    lowerContents();
  } else {
    llvm::Value *guard = Math.cast(lowerExpr(*block.where), boolType()).ir;
    auto *inside = llvm::BasicBlock::Create(M.context, "block.where", Fn);
    auto *after = llvm::BasicBlock::Create(M.context, "block.end", Fn);
    B.CreateCondBr(guard, inside, after);
    B.SetInsertPoint(inside);
    lowerContents();
    B.CreateBr(after);
    B.SetInsertPoint(after);
  }
  for (const BlockAxis &axis : block.axes) Values.erase(axis.symbol);
}

// ---------------------------------------------------------------------------------------------
// Bindings and stores.

void FunctionLowering::lowerAssign(const Stmt &stmt) {
  if (!stmt.value) unsupported(stmt, "a declaration without a value");
  for (const Expr *target : stmt.targets) {
    if (target->kind == ExprKind::Subscript) {
      lowerStore(*target, *stmt.value);
      continue;
    }
    if (target->kind == ExprKind::Tuple || target->kind == ExprKind::List) {
      // `m, n = T.int64(), T.int64()` declares shape variables; anything else would be Python.
      bool declarations = std::all_of(target->items.begin(), target->items.end(), [](const Expr *item) {
        return item->symbol && item->symbol->kind == SymbolKind::ShapeVar;
      });
      if (!declarations) unsupported(*target, "tuple assignment");
      continue;
    }
    if (target->kind != ExprKind::Name || !target->symbol) unsupported(*target, "this assignment target");
    const Symbol *symbol = target->symbol;
    switch (symbol->kind) {
    case SymbolKind::Buffer: declareBuffer(*symbol->buffer, *stmt.value); break;
    case SymbolKind::ShapeVar:
    case SymbolKind::BlockVar: break; // bound from the parameters, or by the block
    case SymbolKind::LetVar:
      if (tirCallee(stmt.value) == "allocate") {
        const Expr &call = *stmt.value;
        Buffer scratch;
        scratch.dtypeName = call.argument(1, "dtype") && call.argument(1, "dtype")->kind == ExprKind::String
                                ? call.argument(1, "dtype")->text
                                : "float32";
        const Expr *extents = call.argument(0, "extents");
        if (!extents || (extents->kind != ExprKind::List && extents->kind != ExprKind::Tuple))
          unsupported(call, "T.allocate without a list of extents");
        scratch.shape = extents->items;
        BufferView view = makeView(scratch, nullptr, &call);
        bindLet(symbol, {allocate(view), handleType()}, nullptr);
      } else {
        bindLet(symbol, lowerExpr(*stmt.value), stmt.annotation);
      }
      break;
    default: unsupported(*target, fmt::format("assigning '{}'", symbol->name));
    }
  }
}

void FunctionLowering::bindLet(const Symbol *symbol, TypedValue value, const Expr *annotation) {
  if (auto it = Lets.find(symbol); it != Lets.end()) {
    B.CreateStore(Math.cast(value, it->second.second).ir, it->second.first);
    return;
  }
  DType type = annotation && symbol->dtype ? *symbol->dtype : value.type;
  value = Math.cast(value, type);
  llvm::AllocaInst *slot = entryAlloca(registerType(M.context, type), nullptr, symbol->name.c_str());
  B.CreateStore(value.ir, slot);
  Lets[symbol] = {slot, type};
}

void FunctionLowering::lowerStore(const Expr &target, const Expr &value) {
  if (target.kind != ExprKind::Subscript) unsupported(target, "this assignment target");
  store(target, lowerExpr(value));
}

void FunctionLowering::lowerAugAssign(const Stmt &stmt) {
  const Expr &target = *stmt.targets[0];
  TypedValue rhs = lowerExpr(*stmt.value);
  if (target.kind == ExprKind::Subscript) {
    TypedValue current = load(target);
    requireIntegers(stmt.value ? *stmt.value : target, stmt.binary, current, rhs);
    return store(target, Math.binary(stmt.binary, current, rhs));
  }
  if (target.kind == ExprKind::Name && target.symbol && Lets.count(target.symbol)) {
    TypedValue current = lowerName(target);
    requireIntegers(target, stmt.binary, current, rhs);
    return bindLet(target.symbol, Math.binary(stmt.binary, current, rhs), nullptr);
  }
  unsupported(target, "this augmented assignment target");
}

void FunctionLowering::lowerAssert(const Expr &condition, const Expr *message) {
  llvm::Value *holds = Math.cast(lowerExpr(condition), boolType()).ir;
  std::string text = message && message->kind == ExprKind::String ? message->text : "assertion failed";
  emitCheck(holds, -1, text);
}

void FunctionLowering::lowerEvaluate(const Expr &expr) {
  if (expr.kind == ExprKind::String) return; // a docstring
  std::string_view name = tirCallee(&expr);
  // `T.attr(...)` as a statement annotates the rest of the body: nothing to emit on a CPU.
  if (name == "func_attr" || name == "reads" || name == "writes" || name == "block_attr" || name == "attr" ||
      name == "assume" || name == "preflattened_buffer")
    return;
  if (name == "where") unsupported(expr, "T.where outside a block");
  if (name == "Assert") {
    const Expr *condition = expr.argument(0, "condition");
    if (!condition) unsupported(expr, "T.Assert without a condition");
    return lowerAssert(*condition, expr.argument(1, "message"));
  }
  if (name == "evaluate") {
    if (const Expr *inner = expr.argument(0, "value")) lowerEvaluate(*inner);
    return;
  }
  lowerExpr(expr);
}

} // namespace tvmscript
