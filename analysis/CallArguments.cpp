// Argument classification and region extents.
#include "CallArguments.h"

#include "ExprType.h"

namespace tvmscript {
namespace {

const Buffer *bufferOf(const Expr *expr) {
  if (expr && expr->kind == ExprKind::Name && expr->symbol) return expr->symbol->buffer;
  return nullptr;
}

/// Row-major offset of `indices` in a buffer of shape `dims`.
Poly flatOffset(const std::vector<Poly> &indices, const std::vector<Poly> &dims) {
  Poly offset = Poly::constant(0);
  for (size_t i = 0; i < indices.size() && i < dims.size(); ++i) offset = offset * dims[i] + indices[i];
  return offset;
}

} // namespace

Poly elementCount(const std::vector<Poly> &dims) {
  Poly count = Poly::constant(1);
  for (const Poly &dim : dims) count = count * dim;
  return count;
}

TirArgument describeArgument(const Expr &expr, ExtentBuilder &extents) {
  TirArgument argument;
  argument.expr = &expr;

  if (const Buffer *buffer = bufferOf(&expr)) {
    argument.kind = TirArgument::Kind::Buffer;
    argument.buffer = buffer;
    argument.bufferShape = extents.shapeOf(*buffer);
    if (argument.bufferShape) {
      argument.extents = *argument.bufferShape;
      argument.starts.assign(argument.extents.size(), Poly::constant(0));
      argument.dimensions.assign(argument.extents.size(), &expr);
    }
    return argument;
  }

  if (expr.kind == ExprKind::Subscript) {
    const Buffer *buffer = bufferOf(expr.base);
    if (!buffer) return argument;
    argument.buffer = buffer;
    argument.bufferShape = extents.shapeOf(*buffer);
    bool sliced = false;
    for (size_t i = 0; i < expr.items.size(); ++i) {
      const Expr *index = expr.items[i];
      argument.dimensions.push_back(index);
      if (index->kind == ExprKind::Slice) {
        sliced = true;
        // Missing bounds are 0 and the dimension's extent.
        Poly start = index->items[0] ? extents.of(*index->items[0]) : Poly::constant(0);
        std::optional<Poly> stop;
        if (index->items[1]) stop = extents.of(*index->items[1]);
        else if (argument.bufferShape && i < argument.bufferShape->size()) stop = (*argument.bufferShape)[i];
        argument.starts.push_back(start);
        argument.extents.push_back(stop ? *stop - start : extents.atoms().opaque("?", "?"));
      } else {
        argument.starts.push_back(extents.of(*index));
        argument.extents.push_back(Poly::constant(1));
      }
    }
    // TIRx reads missing trailing indices as whole dimensions: `A[0]` of a 2-d buffer is A[0, :].
    if (extents.model().usesTirx() && argument.bufferShape && expr.items.size() < argument.bufferShape->size()) {
      for (size_t i = expr.items.size(); i < argument.bufferShape->size(); ++i) {
        argument.starts.push_back(Poly::constant(0));
        argument.extents.push_back((*argument.bufferShape)[i]);
        argument.dimensions.push_back(&expr);
      }
      sliced = true;
    }
    argument.kind = sliced ? TirArgument::Kind::Region : TirArgument::Kind::Element;
    return argument;
  }

  // `A.data`: the whole buffer. `T.address_of(A[i, j])`: from that element to the end.
  if (expr.kind == ExprKind::Attribute && expr.text == "data") {
    if (const Buffer *buffer = bufferOf(expr.base)) {
      argument.kind = TirArgument::Kind::Pointer;
      argument.buffer = buffer;
      argument.bufferShape = extents.shapeOf(*buffer);
      if (argument.bufferShape) argument.available = elementCount(*argument.bufferShape);
    }
    return argument;
  }
  if (expr.isCallTo(Dialect::TIR, "address_of") && !expr.items.empty() &&
      expr.items[0]->kind == ExprKind::Subscript) {
    const Expr &element = *expr.items[0];
    argument.kind = TirArgument::Kind::Pointer;
    argument.buffer = bufferOf(element.base);
    if (argument.buffer) {
      argument.bufferShape = extents.shapeOf(*argument.buffer);
      std::vector<Poly> indices;
      for (const Expr *index : element.items)
        indices.push_back(index->kind == ExprKind::Slice
                              ? (index->items[0] ? extents.of(*index->items[0]) : Poly::constant(0))
                              : extents.of(*index));
      if (argument.bufferShape && indices.size() == argument.bufferShape->size())
        argument.available = elementCount(*argument.bufferShape) - flatOffset(indices, *argument.bufferShape);
    }
    return argument;
  }
  if (expr.kind == ExprKind::Name && expr.symbol && expr.symbol->kind == SymbolKind::Param &&
      !expr.symbol->dtype) {
    argument.kind = TirArgument::Kind::Pointer; // a handle passed on
    return argument;
  }
  // Anything else is a scalar only when its type is known to be one.
  ExprType type = typeOf(expr);
  bool literal = expr.kind == ExprKind::Int || expr.kind == ExprKind::Float || expr.kind == ExprKind::Bool;
  if (type.kind == ExprType::Class::Handle) argument.kind = TirArgument::Kind::Pointer;
  else if (type.kind == ExprType::Class::Unknown && !literal) argument.kind = TirArgument::Kind::Unknown;
  return argument;
}

} // namespace tvmscript
