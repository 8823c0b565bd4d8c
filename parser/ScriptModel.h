// The typed script model: modules, functions, buffers, statements and expressions of a TVMScript
// file, each with its source range, plus the index of every definition and use of a name.
#pragma once

#include "Builtins.h"
#include "DType.h"
#include "Diagnostic.h"
#include "SourceText.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tvmscript {

struct Buffer;
struct Function;
struct Module;
struct Stmt;
struct Symbol;

enum class ExprKind : uint8_t {
  Name, Attribute, Call, Subscript, Slice, Int, Float, String, Bool, None, Ellipsis,
  Binary, Unary, Not, Compare, BoolOp, Conditional, Tuple, List, Dict, Set, Starred,
  Lambda, Comprehension, Other,
};

enum class BinaryOp : uint8_t {
  Add, Sub, Mul, Div, FloorDiv, Mod, Pow, LShift, RShift, BitAnd, BitOr, BitXor, MatMul,
};
enum class UnaryOp : uint8_t { Neg, Pos, Invert };

struct Expr;

/// `name=value` in a call.
struct Keyword {
  std::string name;
  Range nameRange;
  Expr *value = nullptr;
};

/// A Python expression as TVMScript evaluates it. Children by kind:
/// - Attribute: `base` is the object, `text` the member, `nameRange` the member token.
/// - Call: `base` is the callee, `items` the positional arguments, `keywords` the rest.
/// - Subscript: `base` is the indexed value, `items` the indices (`A[()]` has none).
/// - Slice: `items` = {lower, upper, step}, each null when absent.
/// - Binary, Compare, BoolOp: `items` are the operands (Compare keeps `text` = first operator).
/// - Unary, Not, Starred: `items[0]`. Conditional `a if c else b`: `items` = {a, c, b}.
/// - Tuple, List, Set: `items`. Dict: keys and values alternate in `items`.
/// - Name: `text` is the identifier. String: `text` is the value (escapes not decoded).
struct Expr {
  ExprKind kind = ExprKind::Other;
  Range range;
  Expr *base = nullptr;
  std::vector<Expr *> items;
  std::vector<Keyword> keywords;
  std::string text;
  Range nameRange;
  BinaryOp binary = BinaryOp::Add;
  UnaryOp unary = UnaryOp::Neg;
  int64_t intValue = 0;
  double floatValue = 0;

  /// Name: what it refers to; null when nothing defines it (or it is not TVMScript code).
  Symbol *symbol = nullptr;
  /// Name or Attribute that names a dialect builtin, e.g. `T.axis.remap`.
  const Builtin *builtin = nullptr;

  /// The keyword argument `name`, or null.
  Expr *keyword(std::string_view name) const;
  /// Positional argument `index`, else keyword `name`, else null (Python's binding rule).
  Expr *argument(size_t index, std::string_view name) const;
  /// True when this is a call whose callee is the builtin `name` of `dialect`.
  bool isCallTo(Dialect dialect, std::string_view name) const;
};

enum class StmtKind : uint8_t {
  For, While, If, With, Assign, AugAssign, BufferStore, Expr, Assert, Return, Pass,
  FunctionDef, Other,
};

enum class LoopKind : uint8_t {
  Serial, Parallel, Vectorized, Unroll, ThreadBinding, Grid, Python,
};

enum class AxisKind : uint8_t { Spatial, Reduce, Scan, Opaque };

/// One block iteration variable: `vi = T.axis.spatial(64, i)` or one name of `T.axis.remap`.
struct BlockAxis {
  Symbol *symbol = nullptr;
  AxisKind kind = AxisKind::Spatial;
  Expr *domain = nullptr;  // extent or [lo, hi); null for remap (the loop's extent)
  Expr *binding = nullptr; // the loop expression bound to it
};

/// The typed view of `with T.block("name"):` (HEAD: `T.sblock`), read from its body's leading
/// declarations. Every statement also stays in the With statement's body.
struct BlockInfo {
  std::string name;
  std::vector<BlockAxis> axes;
  std::vector<Expr *> reads;  // regions of T.reads(...)
  std::vector<Expr *> writes; // regions of T.writes(...)
  Expr *where = nullptr;      // T.where predicate
  Expr *attrs = nullptr;      // T.block_attr / T.sblock_attr dictionary
  std::vector<Stmt *> init;   // body of `with T.init():`
};

/// A statement. Fields by kind:
/// - For: `targets` = loop variables, `value` = the iterable, `loop` its kind, `body`.
/// - While: `value` = condition, `body`. If: `value` = condition, `body`, `orelse`.
/// - With: `items` = the context expressions (`T.block("b")`), `targets` = `as` names, `body`;
///   `block` is set when the With is a TIR block.
/// - Assign: `targets` (each may be a tuple pattern), `value`, `annotation` (`x: T.int32 = e`).
/// - BufferStore: `targets[0]` is the subscript `A[i, j]`, `value` the stored value.
/// - AugAssign: `targets[0]`, `binary`, `value`. Expr, Return: `value`. Assert: `items` = {cond, msg?}.
struct Stmt {
  StmtKind kind = StmtKind::Other;
  Range range;
  std::vector<Expr *> targets;
  Expr *value = nullptr;
  Expr *annotation = nullptr;
  std::vector<Expr *> items;
  std::vector<Stmt *> body;
  std::vector<Stmt *> orelse;
  LoopKind loop = LoopKind::Serial;
  BinaryOp binary = BinaryOp::Add;
  std::unique_ptr<BlockInfo> block;
};

enum class SymbolKind : uint8_t {
  DialectModule, // T, R, I (and tvm.script.tir ...)
  PythonModule,  // `import tvm`, `import numpy as np`
  PythonName,    // anything else bound by plain Python (imports, globals, closure variables)
  PythonBuiltin, // range, len, ...
  Module,        // an @I.ir_module class
  PrimFunc,
  RelaxFunc,
  Macro,         // @T.macro / @T.inline / @R.macro
  Param,         // a scalar, handle or Relax parameter (buffer params are Buffer)
  Buffer,
  LoopVar,
  BlockVar,
  ShapeVar,
  LetVar,
  RelaxVar,
  ModuleAlias,   // `cls = Module` in a Relax function
};

/// Something a name can refer to.
struct Symbol {
  SymbolKind kind = SymbolKind::PythonName;
  std::string name;
  /// Where the name is defined (empty for builtins and Python-level names).
  Range definition;
  Dialect dialect = Dialect::None;    // DialectModule
  std::string path;                   // PythonModule: dotted module path
  Buffer *buffer = nullptr;           // Buffer
  Function *function = nullptr;       // PrimFunc, RelaxFunc
  Module *module = nullptr;           // Module, ModuleAlias
  std::optional<DType> dtype;         // scalar variables whose type is declared
  Expr *value = nullptr;              // LetVar / RelaxVar / ShapeVar: the defining expression
};

/// Names visible in one scope (a Python scope, an ir_module class, a TVMScript frame).
struct NameScope {
  std::unordered_map<std::string, Symbol *> names;
};

enum class BufferOrigin : uint8_t { Param, MatchBuffer, AllocBuffer, DeclBuffer, View };

/// A buffer declaration: `A: T.Buffer(...)`, `T.match_buffer`, `T.alloc_buffer`,
/// `T.decl_buffer`, or `T.Buffer(..., data=ptr)`.
struct Buffer {
  Symbol *symbol = nullptr;
  BufferOrigin origin = BufferOrigin::Param;
  /// The declaring call (or annotation).
  Expr *declaration = nullptr;
  /// The shape as written; nullopt when it is not a literal list (e.g. `*A.shape`).
  std::optional<std::vector<Expr *>> shape;
  /// The dtype string literal, or null when defaulted ("float32") or not a literal.
  Expr *dtype = nullptr;
  Expr *strides = nullptr;
  Expr *data = nullptr;
  /// For match_buffer: the parameter or region it binds.
  Expr *source = nullptr;
  std::string dtypeName = "float32";
  std::string scope = "global";
};

enum class ParamKind : uint8_t { Buffer, Handle, Pointer, Scalar, Relax, Unknown };

struct Param {
  Symbol *symbol = nullptr;
  ParamKind kind = ParamKind::Unknown;
  Range range;
  Expr *annotation = nullptr;
  /// Buffer params: the buffer; `T.handle` params later bound by `T.match_buffer`: that buffer.
  Buffer *buffer = nullptr;
};

struct Function {
  Dialect dialect = Dialect::TIR;
  std::string name;
  Range nameRange;
  Range range;
  /// From the parameter list to the end: an edit inside it leaves the module's names alone.
  Range signatureAndBody;
  /// The scopes outside the function (builtins, module, enclosing Python functions, the class),
  /// outermost first: what its names resolve against.
  std::vector<NameScope *> environment;
  Module *module = nullptr; // null for a standalone function
  bool isPrivate = false;
  Symbol *symbol = nullptr;
  std::vector<Param> params;
  Expr *returnAnnotation = nullptr;
  std::vector<Stmt *> body;
  std::vector<Buffer *> buffers; // every buffer declared in the function, in source order
  /// Incremented each time the function is rebuilt in place.
  uint32_t revision = 0;
  /// The analysis' findings for this function, cached by analyze(), with the functions (and
  /// their revisions) they were computed from; cleared whenever the function is rebuilt.
  mutable std::optional<std::vector<Diagnostic>> findings;
  mutable std::vector<std::pair<const Function *, uint32_t>> findingsDependOn;
};

struct Module {
  std::string name;
  Range nameRange;
  Range range;
  Symbol *symbol = nullptr;
  std::vector<Function *> functions;
};

/// One occurrence of a name: its definition or a use.
struct SymbolReference {
  Range range;
  Symbol *symbol = nullptr;
  bool isDefinition = false;
};

/// How names resolve file-wide, kept so that one function can be rebuilt alone.
struct ResolutionSettings {
  std::vector<Dialect> starDialects; // `from tvm.script.tir import *`
  bool openWorld = false;            // a star import of an unknown module: any name may exist
  bool futureAnnotations = false;    // `from __future__ import annotations`
};

/// The model of one file. Owns every node; pointers stay valid for the model's lifetime.
class ScriptModel {
public:
  /// Whether the file contains any TVMScript (a dialect import used by a decorator).
  bool hasScript() const { return !Modules.empty() || !Functions.empty(); }

  const SourceText &source() const { return *Source; }
  /// Whether the file imports TIR under its 2026 name `tirx`, whose buffers accept fewer indices
  /// than their rank as an implicit region (`A[0]` of a 3-d buffer is `A[0, :, :]`).
  bool usesTirx() const { return Tirx; }
  const std::vector<Module *> &modules() const { return Modules; }
  /// Every TVMScript function, in modules or standalone, in source order.
  const std::vector<Function *> &functions() const { return Functions; }
  /// Diagnostics found while building the model.
  const std::vector<Diagnostic> &diagnostics() const { return Diagnostics; }
  /// Definitions and uses, sorted by range start.
  const std::vector<SymbolReference> &references() const { return References; }
  /// The reference whose range contains `offset`, or null.
  const SymbolReference *referenceAt(uint32_t offset) const;

  /// Moves every range at or after `from` by `delta` bytes: what an edit ending at `from` does
  /// to the code after it.
  void shiftRanges(uint32_t from, int64_t delta);

private:
  friend class ModelBuilder;
  friend class Document;

  std::shared_ptr<const SourceText> Source;
  std::deque<Expr> ExprArena;
  std::deque<Stmt> StmtArena;
  std::deque<Symbol> SymbolArena;
  std::deque<Buffer> BufferArena;
  std::deque<Function> FunctionArena;
  std::deque<Module> ModuleArena;
  std::deque<NameScope> ScopeArena;
  ResolutionSettings Settings;
  /// Functions rebuilt in place since the model was built from scratch (their old nodes stay
  /// in the arenas until the next full build), and the expression count of that build.
  size_t Rebuilds = 0;
  size_t ExprsAtFullBuild = 0;
  std::vector<Module *> Modules;
  std::vector<Function *> Functions;
  std::vector<Diagnostic> Diagnostics;
  std::vector<SymbolReference> References;
  bool Tirx = false;
};

} // namespace tvmscript
