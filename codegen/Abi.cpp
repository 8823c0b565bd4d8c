// Native signatures of PrimFuncs.
#include "Abi.h"

#include "CalleeResolver.h"
#include "RelaxTypes.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

namespace tvmscript {
namespace {

/// Shape variables in `expr`, left to right, appended to `out` unless already seen.
void collectShapeVars(const Expr *expr, std::vector<const Symbol *> &out,
                      std::unordered_set<const Symbol *> &seen) {
  if (!expr) return;
  if (expr->kind == ExprKind::Name && expr->symbol && expr->symbol->kind == SymbolKind::ShapeVar) {
    if (seen.insert(expr->symbol).second) out.push_back(expr->symbol);
    return;
  }
  if (expr->base) collectShapeVars(expr->base, out, seen);
  for (const Expr *item : expr->items) collectShapeVars(item, out, seen);
  for (const Keyword &keyword : expr->keywords) collectShapeVars(keyword.value, out, seen);
}

/// Whether `buffer` describes storage the caller passes: a parameter annotation, or a
/// `T.match_buffer` of a handle parameter.
bool isArgumentBuffer(const Buffer &buffer) {
  if (buffer.origin == BufferOrigin::Param) return true;
  return buffer.origin == BufferOrigin::MatchBuffer && buffer.source &&
         buffer.source->kind == ExprKind::Name && buffer.source->symbol &&
         buffer.source->symbol->kind == SymbolKind::Param;
}

/// The index of the parameter that `dim` is, when it is a bare variable bound by one.
int dimParam(const FunctionAbi &abi, const Expr *dim) {
  if (!dim || dim->kind != ExprKind::Name || !dim->symbol) return -1;
  for (size_t i = 0; i < abi.params.size(); ++i)
    if (abi.params[i].symbol == dim->symbol &&
        (abi.params[i].kind == AbiParam::Kind::ShapeVar || abi.params[i].kind == AbiParam::Kind::Scalar))
      return int(i);
  return -1;
}

} // namespace

FunctionAbi abiOf(const Function &function) {
  FunctionAbi abi;
  abi.function = &function;
  abi.symbol = globalSymbolOf(function);
  abi.isPublic = !function.isPrivate;

  std::vector<AbiParam> scalars;
  std::unordered_set<const Symbol *> boundByScalar;
  for (const Param &param : function.params) {
    AbiParam out;
    out.name = param.symbol->name;
    out.symbol = param.symbol;
    if (param.buffer) {
      // A matched handle is known by its buffer's name (`A`, not `a`).
      out.name = param.buffer->symbol->name;
      out.kind = AbiParam::Kind::Buffer;
      out.buffer = param.buffer;
      out.dtype = parseDType(param.buffer->dtypeName).value_or(DType{});
      abi.params.push_back(out);
    } else if (param.kind == ParamKind::Handle || param.kind == ParamKind::Pointer) {
      out.kind = AbiParam::Kind::Pointer;
      out.dtype = *parseDType("handle");
      abi.params.push_back(out);
    } else {
      out.kind = AbiParam::Kind::Scalar;
      out.dtype = param.symbol->dtype.value_or(*parseDType("int32"));
      boundByScalar.insert(param.symbol);
      scalars.push_back(out);
    }
  }
  abi.params.insert(abi.params.end(), scalars.begin(), scalars.end());

  std::vector<const Symbol *> vars;
  std::unordered_set<const Symbol *> seen(boundByScalar);
  for (const Buffer *buffer : function.buffers) {
    if (!isArgumentBuffer(*buffer)) continue;
    if (buffer->shape)
      for (const Expr *dim : *buffer->shape) collectShapeVars(dim, vars, seen);
    collectShapeVars(buffer->strides, vars, seen);
    if (buffer->declaration) collectShapeVars(buffer->declaration->keyword("elem_offset"), vars, seen);
  }
  for (const Symbol *var : vars) {
    AbiParam out;
    out.kind = AbiParam::Kind::ShapeVar;
    out.name = var->name;
    out.symbol = var;
    out.dtype = var->dtype.value_or(*parseDType("int64"));
    abi.params.push_back(out);
  }
  return abi;
}

namespace {

/// The statement that returns from a Relax function body (dataflow blocks included), and
/// every binding before it, in order.
const Stmt *relaxReturn(const std::vector<Stmt *> &body, std::vector<const Stmt *> &bindings) {
  for (const Stmt *stmt : body) {
    if (stmt->kind == StmtKind::Return) return stmt;
    if (stmt->kind == StmtKind::With) {
      if (const Stmt *inner = relaxReturn(stmt->body, bindings)) return inner;
      continue;
    }
    bindings.push_back(stmt);
  }
  return nullptr;
}

} // namespace

std::vector<const Stmt *> relaxBindings(const Function &function, const Stmt **returned) {
  std::vector<const Stmt *> bindings;
  const Stmt *found = relaxReturn(function.body, bindings);
  if (returned) *returned = found;
  return bindings;
}

std::optional<FunctionAbi> relaxAbiOf(const ScriptModel &model, const Function &function, std::string &problem) {
  FunctionAbi abi;
  abi.function = &function;
  abi.symbol = function.name;
  abi.isPublic = !function.isPrivate;
  abi.isRelax = true;
  AtomTable atoms;
  ExtentBuilder extents(model, atoms);
  RelaxTypes types(extents);
  types.bindParams(function);
  const Stmt *returned = nullptr;
  for (const Stmt *stmt : relaxBindings(function, &returned)) types.bind(*stmt);
  if (!returned || !returned->value) {
    problem = fmt::format("Relax function '{}' without a return", function.name);
    return std::nullopt;
  }

  std::vector<const Symbol *> vars;
  auto addTensor = [&](const std::string &name, const RelaxType &type, const Symbol *symbol, bool output) {
    if (type.kind != RelaxType::Kind::Tensor || !type.dtype || !type.shape || !parseDType(*type.dtype)) {
      problem = fmt::format("{} '{}' is not a tensor of known dtype and shape", output ? "result" : "parameter", name);
      return false;
    }
    AbiParam param;
    param.kind = AbiParam::Kind::Tensor;
    param.name = name;
    param.symbol = symbol;
    param.dtype = *parseDType(*type.dtype);
    param.isOutput = output;
    param.dimensions = type.dimensionExprs;
    for (const Poly &dim : *type.shape) {
      // A dimension that is one variable binds it (by name, in order of first appearance).
      const auto &terms = dim.terms();
      const Symbol *var = terms.size() == 1 && terms.begin()->first.size() == 1 && terms.begin()->second == 1 &&
                                  atoms.kindOf(terms.begin()->first[0]) == AtomTable::Kind::Variable
                              ? atoms.symbolOf(terms.begin()->first[0])
                              : nullptr;
      if (var && std::find(vars.begin(), vars.end(), var) == vars.end()) vars.push_back(var);
      param.dimensionParams.push_back(var ? int(std::find(vars.begin(), vars.end(), var) - vars.begin()) : -1);
    }
    abi.params.push_back(param);
    return true;
  };
  for (const Param &param : function.params)
    if (!addTensor(param.symbol->name, types.ofVariable(param.symbol), param.symbol, false)) return std::nullopt;
  RelaxType result = types.of(*returned->value);
  std::vector<RelaxType> outputs =
      result.kind == RelaxType::Kind::Tuple ? result.elements : std::vector<RelaxType>{result};
  for (size_t i = 0; i < outputs.size(); ++i)
    if (!addTensor(outputs.size() == 1 ? "out" : fmt::format("out{}", i), outputs[i], nullptr, true))
      return std::nullopt;
  // Shape variables follow the tensors; their indices were counted from there.
  size_t first = abi.params.size();
  for (AbiParam &param : abi.params)
    for (int &index : param.dimensionParams)
      if (index >= 0) index += int(first);
  for (const Symbol *var : vars) {
    AbiParam param;
    param.kind = AbiParam::Kind::ShapeVar;
    param.name = var->name;
    param.symbol = var;
    param.dtype = *parseDType("int64");
    abi.params.push_back(param);
  }
  return abi;
}

std::vector<int> dimParams(const FunctionAbi &abi, const AbiParam &param) {
  if (param.kind == AbiParam::Kind::Tensor) return param.dimensionParams;
  std::vector<int> dims;
  if (param.buffer && param.buffer->shape)
    for (const Expr *dim : *param.buffer->shape) dims.push_back(dimParam(abi, dim));
  return dims;
}

int runnerKind(AbiParam::Kind kind) {
  return kind == AbiParam::Kind::Tensor ? int(AbiParam::Kind::Buffer) : int(kind);
}

std::string cTypeOf(const DType &dtype) {
  switch (dtype.code) {
  case DType::Code::Int: return dtype.bits == 1 ? "bool" : "int" + std::to_string(dtype.bits) + "_t";
  case DType::Code::UInt:
    return dtype.bits == 1 ? "int8_t" /* bool is stored as one byte */
                           : "uint" + std::to_string(dtype.bits) + "_t";
  case DType::Code::Float:
    return dtype.bits == 16 ? "_Float16" : dtype.bits == 64 ? "double" : "float";
  case DType::Code::BFloat: return "uint16_t";
  default: return "void*";
  }
}

} // namespace tvmscript
