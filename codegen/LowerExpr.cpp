// Expressions: names, literals, operators, loads and conditionals.
#include "Lowering.h"

#include <fmt/format.h>

namespace tvmscript {

TypedValue FunctionLowering::lowerExpr(const Expr &expr) {
  // Operations report at the innermost expression being lowered.
  struct Where {
    Arithmetic &math;
    Range saved;
    Where(Arithmetic &m, Range range) : math(m), saved(m.Where) { math.Where = range; }
    ~Where() { math.Where = saved; }
  } where(Math, expr.range);
  switch (expr.kind) {
  case ExprKind::Int: return Math.pythonInt(expr.intValue);
  case ExprKind::Float: return Math.pythonFloat(expr.floatValue);
  case ExprKind::Bool: {
    TypedValue value = Math.boolConstant(expr.intValue != 0);
    value.literal = true;
    return value;
  }
  case ExprKind::Name: return lowerName(expr);
  case ExprKind::Attribute:
    if (expr.text == "data" && expr.base && expr.base->symbol && expr.base->symbol->buffer)
      return {viewOf(*expr.base).data, handleType()};
    unsupported(expr, fmt::format("the attribute '.{}'", expr.text));
  case ExprKind::Subscript: {
    // `A.shape[i]` with a constant i is the extent itself.
    if (expr.base && expr.base->kind == ExprKind::Attribute && expr.base->text == "shape" &&
        expr.items.size() == 1 && expr.items[0]->kind == ExprKind::Int) {
      const BufferView &view = viewOf(*expr.base->base);
      int64_t axis = expr.items[0]->intValue;
      if (axis < 0 || size_t(axis) >= view.shape.size()) unsupported(expr, "a shape index out of range");
      return view.shape[size_t(axis)];
    }
    return load(expr);
  }
  case ExprKind::Binary: return lowerBinary(expr);
  case ExprKind::Unary: {
    TypedValue operand = lowerExpr(*expr.items[0]);
    if (expr.unary == UnaryOp::Neg) return Math.negate(operand);
    if (expr.unary == UnaryOp::Invert) {
      if (isFloatType(operand.type) || operand.type.code == DType::Code::Handle)
        unsupported(expr, "'~' on a non-integer value");
      return Math.bitNot(operand);
    }
    return operand;
  }
  case ExprKind::Not: return Math.logicalNot(lowerExpr(*expr.items[0]));
  case ExprKind::Compare: return lowerCompare(expr);
  case ExprKind::BoolOp: return lowerBoolOp(expr);
  case ExprKind::Conditional:
    if (expr.items.size() != 3) unsupported(expr, "this conditional expression");
    return lowerIfThenElse(*expr.items[1], *expr.items[0], *expr.items[2]);
  case ExprKind::Call: return lowerCall(expr);
  case ExprKind::String: unsupported(expr, "a string here");
  case ExprKind::Tuple:
  case ExprKind::List: unsupported(expr, "a tuple or list here");
  case ExprKind::None: unsupported(expr, "None here");
  case ExprKind::Lambda:
  case ExprKind::Comprehension: unsupported(expr, "Python-level code (a lambda or comprehension)");
  default: unsupported(expr, "this expression");
  }
}

TypedValue FunctionLowering::lowerName(const Expr &expr) {
  const Symbol *symbol = expr.symbol;
  if (!symbol) unsupported(expr, fmt::format("the undefined name '{}'", expr.text));
  if (auto let = Lets.find(symbol); let != Lets.end())
    return {B.CreateLoad(registerType(M.context, let->second.second), let->second.first, symbol->name),
            let->second.second};
  if (auto value = Values.find(symbol); value != Values.end()) return value->second;
  switch (symbol->kind) {
  case SymbolKind::Buffer: unsupported(expr, fmt::format("buffer '{}' used as a value", symbol->name));
  case SymbolKind::ShapeVar:
    unsupported(expr, fmt::format("shape variable '{}', which no parameter's buffer binds", symbol->name));
  case SymbolKind::PythonName:
  case SymbolKind::PythonModule:
  case SymbolKind::PythonBuiltin:
    unsupported(expr, fmt::format("the Python-level name '{}'", symbol->name));
  default: unsupported(expr, fmt::format("'{}' here", symbol->name));
  }
}

TypedValue FunctionLowering::lowerBinary(const Expr &expr) {
  if (expr.binary == BinaryOp::MatMul) unsupported(expr, "the '@' operator");
  TypedValue a = lowerExpr(*expr.items[0]);
  TypedValue b = lowerExpr(*expr.items[1]);
  if (a.type.code == DType::Code::Handle || b.type.code == DType::Code::Handle)
    unsupported(expr, "arithmetic on pointers");
  requireIntegers(expr, expr.binary, a, b);
  return Math.binary(expr.binary, a, b);
}

void FunctionLowering::requireIntegers(const Expr &expr, BinaryOp op, const TypedValue &a, const TypedValue &b) const {
  bool bitwise = op == BinaryOp::LShift || op == BinaryOp::RShift || op == BinaryOp::BitAnd ||
                 op == BinaryOp::BitOr || op == BinaryOp::BitXor;
  if (bitwise && (isFloatType(a.type) || isFloatType(b.type)))
    unsupported(expr, "a bitwise operator on floating-point values");
}

TypedValue FunctionLowering::lowerCompare(const Expr &expr) {
  static constexpr std::string_view kOperators[] = {"<", "<=", ">", ">=", "==", "!="};
  if (expr.items.size() != 2 || std::find(std::begin(kOperators), std::end(kOperators), expr.text) ==
                                    std::end(kOperators))
    unsupported(expr, "this comparison");
  return Math.compare(expr.text, lowerExpr(*expr.items[0]), lowerExpr(*expr.items[1]));
}

TypedValue FunctionLowering::lowerBoolOp(const Expr &expr) {
  if (expr.items.size() != 2 || (expr.text != "and" && expr.text != "or"))
    unsupported(expr, "this boolean operator");
  return Math.logical(expr.text == "and", lowerExpr(*expr.items[0]), lowerExpr(*expr.items[1]));
}

TypedValue FunctionLowering::lowerIfThenElse(const Expr &condition, const Expr &thenExpr, const Expr &elseExpr) {
  // Only the taken side runs: `T.if_then_else(i < n, A[i], 0)` guards the load.
  TypedValue test = Math.cast(lowerExpr(condition), boolType());
  if (auto *constant = llvm::dyn_cast<llvm::ConstantInt>(test.ir))
    return lowerExpr(constant->isOne() ? thenExpr : elseExpr);
  auto *thenBlock = llvm::BasicBlock::Create(M.context, "select.then", Fn);
  auto *elseBlock = llvm::BasicBlock::Create(M.context, "select.else", Fn);
  auto *merge = llvm::BasicBlock::Create(M.context, "select.end", Fn);
  B.CreateCondBr(test.ir, thenBlock, elseBlock);
  B.SetInsertPoint(thenBlock);
  TypedValue a = lowerExpr(thenExpr);
  llvm::BasicBlock *thenEnd = B.GetInsertBlock();
  B.SetInsertPoint(elseBlock);
  TypedValue b = lowerExpr(elseExpr);
  llvm::BasicBlock *elseEnd = B.GetInsertBlock();
  DType type = Math.commonType(a, b);
  b = Math.cast(b, type);
  B.CreateBr(merge);
  B.SetInsertPoint(thenEnd);
  a = Math.cast(a, type);
  B.CreateBr(merge);
  B.SetInsertPoint(merge);
  llvm::PHINode *phi = B.CreatePHI(a.ir->getType(), 2);
  phi->addIncoming(a.ir, thenEnd);
  phi->addIncoming(b.ir, elseEnd);
  return {phi, type};
}

} // namespace tvmscript
