// The reference interpreter: walks a PrimFunc's statements and expressions with an environment
// of scalar slots and buffer views over caller and interpreter memory. Blocks bind their axes and
// run `T.init()` at the start of a reduction; every loop kind runs sequentially.
#include "Interpreter.h"
#include "Value.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace tvmscript::reference {
namespace {

[[noreturn]] void unsupported(const std::string &what) {
  throw std::runtime_error("unsupported: " + what);
}

/// A failed T.Assert / assert: the function returns a non-zero code.
struct AssertionFailed {
  std::string message;
};
/// `return expr` / T.ret: unwinds to the call.
struct ReturnSignal {
  Value value;
};
/// HEAD's `break` / `continue`: unwind to the innermost loop.
struct BreakSignal {};
struct ContinueSignal {};

constexpr std::byte kGarbage{0xCD};

/// The TIR builtin a call invokes (`T.exp` → "exp"), or "" when it is not one.
std::string_view builtinName(const Expr *expr) {
  if (!expr || expr->kind != ExprKind::Call || !expr->base) return {};
  const Builtin *builtin = expr->base->builtin;
  return builtin && builtin->dialect == Dialect::TIR ? builtin->name : std::string_view();
}

bool isBufferConstructor(std::string_view name) {
  return name == "Buffer" || name == "match_buffer" || name == "alloc_buffer" ||
         name == "decl_buffer" || name == "sblock_alloc_buffer" || name == "buffer_decl";
}

/// T.int32, T.float16, T.bool...: a scalar type constructor.
std::optional<ScalarType> dtypeConstructor(std::string_view name) {
  if (name == "handle" || name == "void" || name == "Buffer") return std::nullopt;
  auto dtype = parseDType(name);
  if (!dtype) return std::nullopt;
  return scalarType(*dtype);
}

std::optional<Op> binaryOpOf(BinaryOp op) {
  switch (op) {
  case BinaryOp::Add: return Op::Add;
  case BinaryOp::Sub: return Op::Sub;
  case BinaryOp::Mul: return Op::Mul;
  case BinaryOp::Div: return Op::Div;
  case BinaryOp::FloorDiv: return Op::FloorDiv;
  case BinaryOp::Mod: return Op::FloorMod;
  case BinaryOp::Pow: return Op::Pow;
  case BinaryOp::LShift: return Op::ShiftLeft;
  case BinaryOp::RShift: return Op::ShiftRight;
  case BinaryOp::BitAnd: return Op::BitAnd;
  case BinaryOp::BitOr: return Op::BitOr;
  case BinaryOp::BitXor: return Op::BitXor;
  case BinaryOp::MatMul: return std::nullopt;
  }
  return std::nullopt;
}

/// The TIR builtins that are one binary operation (`T.floordiv(a, b)`, `T.Add(a, b)`...).
std::optional<Op> builtinOp(std::string_view name) {
  static const std::unordered_map<std::string_view, Op> table = {
      {"floordiv", Op::FloorDiv},
      {"floormod", Op::FloorMod},
      {"truncdiv", Op::TruncDiv},
      {"truncmod", Op::TruncMod},
      {"indexdiv", Op::FloorDiv},
      {"indexmod", Op::FloorMod},
      {"min", Op::Min},
      {"max", Op::Max},
      {"Min", Op::Min},
      {"Max", Op::Max},
      {"Add", Op::Add},
      {"Sub", Op::Sub},
      {"Mul", Op::Mul},
      {"Div", Op::Div},
      {"Mod", Op::TruncMod},
      {"FloorDiv", Op::FloorDiv},
      {"FloorMod", Op::FloorMod},
      {"EQ", Op::EQ},
      {"NE", Op::NE},
      {"LT", Op::LT},
      {"LE", Op::LE},
      {"GT", Op::GT},
      {"GE", Op::GE},
      {"And", Op::And},
      {"Or", Op::Or},
      {"bitwise_and", Op::BitAnd},
      {"bitwise_or", Op::BitOr},
      {"bitwise_xor", Op::BitXor},
      {"shift_left", Op::ShiftLeft},
      {"shift_right", Op::ShiftRight},
  };
  auto it = table.find(name);
  return it == table.end() ? std::nullopt : std::optional(it->second);
}

/// GPU and runtime constructs the interpreter refuses by name.
bool isUnsupportedBuiltin(std::string_view name) {
  return name == "thread_binding" || name == "launch_thread" || name == "env_thread" ||
         name == "call_packed" || name == "call_cpacked" || name == "tvm_call_packed" ||
         name == "call_intrin" || name == "call_llvm_intrin" || name == "call_llvm_pure_intrin" ||
         name == "ramp" || name == "broadcast" || name == "Ramp" || name == "Broadcast" ||
         name == "tvm_thread_allreduce" || name == "tvm_storage_sync" || name == "macro";
}

/// Builtins that only declare something for later passes and have no run-time effect.
bool isDeclarationOnly(std::string_view name) {
  return name == "func_attr" || name == "reads" || name == "writes" || name == "where" ||
         name == "block_attr" || name == "sblock_attr" || name == "attr" || name == "comment" ||
         name == "assume" || name == "annotate";
}

/// A buffer as the interpreter sees it: storage, element type and layout, all resolved.
struct BufferView {
  std::string name;
  ScalarType type;
  std::byte *data = nullptr;
  std::vector<Value> shape; // with their dtypes, for `A.shape[i]`
  std::vector<int64_t> strides;
  int64_t elemOffset = 0;

  int64_t rank() const { return static_cast<int64_t>(shape.size()); }
  /// Elements from `data` the buffer reaches: elem_offset + Σ (extent - 1) · stride + 1.
  int64_t span() const {
    int64_t last = elemOffset;
    for (size_t k = 0; k < shape.size(); ++k) {
      if (shape[k].i <= 0) return 0;
      last += (shape[k].i - 1) * strides[k];
    }
    return last + 1;
  }
};

/// What a buffer-declaring call asks for (`T.Buffer`, `T.match_buffer`, `T.alloc_buffer`,
/// `T.decl_buffer`, or the deprecated `T.Buffer[shape, dtype]`).
struct Declaration {
  const Expr *shape = nullptr;
  const Expr *dtype = nullptr;
  const Expr *data = nullptr;
  const Expr *strides = nullptr;
  const Expr *elemOffset = nullptr;
  const Expr *scope = nullptr;
};

Declaration declarationOf(const Expr &call, size_t shapeIndex) {
  Declaration declaration;
  if (call.kind == ExprKind::Subscript) {
    declaration.shape = call.items.size() > 0 ? call.items[0] : nullptr;
    declaration.dtype = call.items.size() > 1 ? call.items[1] : nullptr;
    return declaration;
  }
  declaration.shape = call.argument(shapeIndex, "shape");
  declaration.dtype = call.argument(shapeIndex + 1, "dtype");
  declaration.data = call.argument(shapeIndex + 2, "data");
  declaration.strides = call.argument(shapeIndex + 3, "strides");
  declaration.elemOffset = call.argument(shapeIndex + 4, "elem_offset");
  declaration.scope = call.keyword("scope");
  return declaration;
}

/// Storage passed to a buffer parameter by T.call_tir: the region's first element and layout.
struct IncomingRegion {
  std::vector<int64_t> extents;
  std::vector<int64_t> strides;
};

/// One argument of a call between PrimFuncs.
struct Incoming {
  Value value;                          // scalar, or the handle of the storage
  std::optional<IncomingRegion> region; // T.call_tir regions
};

/// A region `A[a:b, i]` of a buffer: per dimension its minimum and extent.
struct Region {
  const BufferView *buffer = nullptr;
  std::vector<int64_t> mins;
  std::vector<int64_t> extents;
};

/// The memory a function may touch: argument storage (once a buffer declares how much of it
/// there is) and live allocations. Accesses elsewhere are errors.
class MemoryMap {
public:
  void add(const std::byte *begin, int64_t bytes) {
    const std::byte *end = begin + std::max<int64_t>(bytes, 0);
    auto [it, inserted] = Regions.emplace(begin, end);
    if (!inserted) it->second = std::max(it->second, end);
  }
  void remove(const std::byte *begin) { Regions.erase(begin); }
  bool contains(const std::byte *address, size_t bytes) const {
    auto it = Regions.upper_bound(address);
    if (it == Regions.begin()) return false;
    --it;
    return address >= it->first && address + bytes <= it->second;
  }

private:
  std::map<const std::byte *, const std::byte *> Regions;
};

/// One loop of a `for`: `extent` iterations from `min` by `step`, the variable of type `type`.
struct LoopRange {
  int64_t min = 0;
  int64_t extent = 0;
  int64_t step = 1;
  ScalarType type = ScalarType::int32();
};

/// One activation of a PrimFunc.
struct Frame {
  const Function *function = nullptr;
  /// Scalar variables (parameters, loop and block variables, lets, shape variables) by symbol.
  /// Slots are reused when a let runs again; HEAD's mutable scalars share one slot per name.
  std::unordered_map<const Symbol *, Value *> scalars;
  std::deque<Value> slots;
  std::unordered_map<const Symbol *, BufferView> buffers;
  /// The minimum of each running loop, for `T.axis.remap` reduction axes.
  std::unordered_map<const Symbol *, int64_t> loopMins;
  /// T.call_tir: the region passed to each handle parameter, for its T.match_buffer.
  std::unordered_map<const Symbol *, IncomingRegion> handleRegions;
  /// HEAD (tirx): the slot of each live mutable scalar, by name.
  std::unordered_map<std::string, Value *> mutableScalars;
  /// elementCount(): values of free variables by name.
  const Bindings *names = nullptr;
};

class Machine;

/// A statement list's lifetime: allocations made in it are freed, and the mutable scalars it
/// introduced are forgotten, when it ends.
class Scope {
public:
  explicit Scope(Machine &machine);
  ~Scope();
  Scope(const Scope &) = delete;
  Scope &operator=(const Scope &) = delete;

  std::byte *allocate(int64_t bytes);
  void introduce(std::string name) { Names.push_back(std::move(name)); }

private:
  Machine &Owner;
  Frame *Activation;
  Scope *Outer;
  std::vector<std::unique_ptr<std::byte[]>> Allocations;
  std::vector<std::string> Names;
};

class Machine {
public:
  explicit Machine(const ScriptModel *model) : Model(model) {}

  void runEntry(const Function &function, std::span<const Argument> arguments);
  int64_t elementCount(const Buffer &buffer, const Bindings &bindings);

private:
  friend class Scope;

  Frame &frame() { return *Frames.back(); }
  Frame &pushFrame(const Function &function);
  void popFrame() { Frames.pop_back(); }
  /// Pops the frame pushed last when it goes out of scope (also when an exception unwinds).
  struct FrameGuard {
    Machine &owner;
    ~FrameGuard() { owner.popFrame(); }
  };
  Value invoke(const Function &function, std::vector<Incoming> arguments);
  void executeFunctionBody(const Function &function);

  // Variables.
  void bind(const Symbol *symbol, const Value &value);
  Value *slotOf(const Symbol *symbol);
  void bindLet(const Expr &target, const Value &value, const Expr *annotation);
  ScalarType typeOfSymbol(const Symbol &symbol) const;

  // Statements.
  void executeBody(const std::vector<Stmt *> &body);
  void execute(const Stmt &stmt);
  void executeFor(const Stmt &stmt);
  void runLoopNest(const Stmt &stmt, const std::vector<LoopRange> &ranges, size_t depth);
  void executeWhile(const Stmt &stmt);
  void executeWith(const Stmt &stmt);
  void executeBlock(const Stmt &with);
  bool bindBlockAxes(const BlockInfo &block);
  int64_t axisMinimum(const BlockAxis &axis);
  void executeAssign(const Stmt &stmt);
  void assignTarget(const Expr &target, const Expr *valueExpr, const Expr *annotation);
  void executeAugAssign(const Stmt &stmt);
  void executeExpression(const Expr &expr);
  void checkAssertion(const Expr &condition, const Expr *message);
  void executeOther(const Stmt &stmt);

  // Buffers.
  void declareBuffer(const Stmt &stmt);
  BufferView makeView(std::string name, const Declaration &declaration, std::byte *data,
                      const IncomingRegion *region, bool keepsRegionStrides = false);
  BufferView matchRegion(std::string name, const Declaration &declaration, const Region &region);
  std::byte *allocate(const BufferView &view);
  void allocatePointer(const Expr &target, const Expr &call);
  void adoptArgumentStorage(const BufferView &view);
  BufferView &bufferOf(const Expr &expr);
  BufferView *findBuffer(const Expr &expr);
  std::byte *elementAddress(const BufferView &buffer, const Expr &subscript);
  Region regionOf(const Expr &expr);
  void store(const Expr &target, const Value &value);

  // Expressions.
  Value evaluate(const Expr &expr);
  Value evaluateName(const Expr &expr);
  Value evaluateAttribute(const Expr &expr);
  Value evaluateSubscript(const Expr &expr);
  Value evaluateBinary(Op op, const Value &a, const Value &b);
  Value evaluateCompare(const Expr &expr);
  Value evaluateBoolOp(const Expr &expr);
  Value evaluateConditional(const Expr &expr);
  Value evaluateCall(const Expr &call);
  Value evaluateBuiltin(const Expr &call, std::string_view name);
  Value evaluatePythonBuiltin(const Expr &call, std::string_view name);
  Value typedLiteral(const Expr &call, ScalarType type);
  Value choose(const Value &condition, const Expr &whenTrue, const Expr &whenFalse,
               bool evaluateBoth);
  Value speculate(const Expr &expr);
  Value castGuarded(const Value &value, ScalarType type);
  Value callExtern(const Expr &call);
  Value callSubroutine(const Function &callee, const Expr &call);
  Value callTir(const Expr &call);
  const Function *functionNamed(const Expr &callee);
  std::vector<Value> evaluateList(const Expr &expr);
  std::vector<Value> evaluateArguments(const Expr &call);
  std::string stringOf(const Expr &expr);
  ScalarType dtypeOf(const Expr &expr) { return scalarType(stringOf(expr)); }
  int64_t integerOf(const Expr &expr) { return evaluate(expr).toInt64(); }
  std::string textOf(const Expr &expr) const;
  std::string_view compareOperator(const Expr &left, const Expr &right) const;

  const ScriptModel *Model;
  std::vector<std::unique_ptr<Frame>> Frames;
  Scope *CurrentScope = nullptr;
  MemoryMap Memory;
  /// Argument storage whose size is known only once a buffer declaration views it.
  std::set<const std::byte *> UnsizedArguments;
  /// Inside the untaken side of T.if_then_else: only the type matters, memory is not touched.
  int Speculative = 0;
};

// ---------------------------------------------------------------------------------------------
// Scopes and frames.

Scope::Scope(Machine &machine)
    : Owner(machine), Activation(machine.Frames.empty() ? nullptr : machine.Frames.back().get()),
      Outer(machine.CurrentScope) {
  machine.CurrentScope = this;
}

Scope::~Scope() {
  for (auto &allocation : Allocations)
    Owner.Memory.remove(allocation.get());
  if (Activation)
    for (const std::string &name : Names)
      Activation->mutableScalars.erase(name);
  Owner.CurrentScope = Outer;
}

std::byte *Scope::allocate(int64_t bytes) {
  size_t size = static_cast<size_t>(std::max<int64_t>(bytes, 1));
  auto storage = std::make_unique<std::byte[]>(size);
  std::memset(storage.get(), static_cast<int>(kGarbage), size);
  std::byte *pointer = storage.get();
  Owner.Memory.add(pointer, bytes);
  Allocations.push_back(std::move(storage));
  return pointer;
}

Frame &Machine::pushFrame(const Function &function) {
  if (Frames.size() > 200) throw std::runtime_error("call depth exceeds 200");
  Frames.push_back(std::make_unique<Frame>());
  Frames.back()->function = &function;
  return *Frames.back();
}

void Machine::executeFunctionBody(const Function &function) {
  try {
    executeBody(function.body);
  } catch (const ReturnSignal &) {
  } catch (const BreakSignal &) {
    throw std::runtime_error("'break' outside a loop");
  } catch (const ContinueSignal &) {
    throw std::runtime_error("'continue' outside a loop");
  }
}

// ---------------------------------------------------------------------------------------------
// Entry and calls.

void Machine::runEntry(const Function &function, std::span<const Argument> arguments) {
  if (function.dialect != Dialect::TIR)
    throw std::runtime_error("'" + function.name + "' is not a PrimFunc");
  std::vector<AbiSlot> slots = abiSignature(*Model, function);
  if (arguments.size() != slots.size())
    throw std::runtime_error("'" + function.name + "' takes " + std::to_string(slots.size()) +
                             " arguments, got " + std::to_string(arguments.size()));
  pushFrame(function);
  FrameGuard guard{*this};
  Scope scope(*this);
  // Scalars, handles and shape variables first: buffer parameters' shapes may use them.
  std::unordered_map<const Symbol *, std::byte *> bufferStorage;
  for (size_t k = 0; k < slots.size(); ++k) {
    const AbiSlot &slot = slots[k];
    const Argument &argument = arguments[k];
    if (slot.kind == AbiSlot::Kind::Buffer || slot.kind == AbiSlot::Kind::Pointer) {
      auto *data = static_cast<std::byte *>(argument.data);
      UnsizedArguments.insert(data);
      if (slot.symbol->kind == SymbolKind::Buffer)
        bufferStorage[slot.symbol] = data;
      else
        bind(slot.symbol, Value::address(data));
      continue;
    }
    ScalarType type = typeOfSymbol(*slot.symbol);
    bind(slot.symbol, cast(type.isFloat() ? Value::pythonFloat(argument.floatValue)
                                          : Value::pythonInt(argument.intValue),
                           type));
  }
  for (const Param &param : function.params) {
    if (param.kind != ParamKind::Buffer) continue;
    BufferView view = makeView(param.symbol->name, declarationOf(*param.annotation, 0),
                               bufferStorage.at(param.symbol), nullptr);
    adoptArgumentStorage(view);
    frame().buffers[param.symbol] = std::move(view);
  }
  executeFunctionBody(function);
}

Value Machine::invoke(const Function &function, std::vector<Incoming> arguments) {
  if (arguments.size() != function.params.size())
    throw std::runtime_error("call of '" + function.name + "' with " +
                             std::to_string(arguments.size()) + " arguments; it has " +
                             std::to_string(function.params.size()) + " parameters");
  pushFrame(function);
  FrameGuard guard{*this};
  Value result = Value::zero(ScalarType::int32());
  {
    Scope scope(*this);
    for (size_t k = 0; k < arguments.size(); ++k) {
      const Param &param = function.params[k];
      Incoming &argument = arguments[k];
      switch (param.kind) {
      case ParamKind::Scalar:
        bind(param.symbol, cast(argument.value, typeOfSymbol(*param.symbol)));
        break;
      case ParamKind::Handle:
      case ParamKind::Pointer:
        bind(param.symbol, argument.value);
        if (argument.region) frame().handleRegions[param.symbol] = *argument.region;
        break;
      case ParamKind::Buffer: {
        IncomingRegion *region = argument.region ? &*argument.region : nullptr;
        frame().buffers[param.symbol] =
            makeView(param.symbol->name, declarationOf(*param.annotation, 0),
                     argument.value.pointer, region);
        break;
      }
      default: unsupported("parameter '" + param.symbol->name + "' of '" + function.name + "'");
      }
      if (param.kind != ParamKind::Scalar && argument.value.type.code != ScalarType::Code::Handle)
        throw std::runtime_error("'" + function.name + "' parameter '" + param.symbol->name +
                                 "' needs storage");
    }
    try {
      executeBody(function.body);
    } catch (const ReturnSignal &signal) {
      result = signal.value;
    }
  }
  return result;
}

/// `Module.f(...)`, `cls.f`, a bare `f` or a string "f": the PrimFunc of the module it names.
const Function *Machine::functionNamed(const Expr &callee) {
  const Function *current = frame().function;
  const Module *module = current->module;
  auto find = [&](std::string_view name) -> const Function * {
    if (!module) return nullptr;
    for (const Function *function : module->functions)
      if (function->name == name && function->dialect == Dialect::TIR) return function;
    return nullptr;
  };
  if (callee.kind == ExprKind::String) return find(callee.text);
  if (callee.kind == ExprKind::Name && callee.symbol && callee.symbol->kind == SymbolKind::PrimFunc)
    return callee.symbol->function;
  if (callee.kind == ExprKind::Attribute && callee.base && callee.base->symbol &&
      (callee.base->symbol->kind == SymbolKind::Module ||
       callee.base->symbol->kind == SymbolKind::ModuleAlias)) {
    module = callee.base->symbol->module;
    return find(callee.text);
  }
  return nullptr;
}

Value Machine::callSubroutine(const Function &callee, const Expr &call) {
  if (Speculative) unsupported("a subroutine call inside T.if_then_else");
  std::vector<Incoming> arguments;
  for (const Expr *argument : call.items) {
    if (BufferView *buffer = findBuffer(*argument)) {
      arguments.push_back({Value::address(buffer->data), std::nullopt});
      continue;
    }
    arguments.push_back({evaluate(*argument), std::nullopt});
  }
  return invoke(callee, std::move(arguments));
}

/// T.call_tir(Module.f, A, B[0:4, j], n): buffers and regions pass their first element and
/// layout (leading unit dimensions dropped to the callee's rank), scalars their value.
Value Machine::callTir(const Expr &call) {
  if (Speculative) unsupported("T.call_tir inside T.if_then_else");
  if (call.items.empty()) throw std::runtime_error("T.call_tir without a callee");
  const Function *callee = functionNamed(*call.items[0]);
  if (!callee)
    throw std::runtime_error("T.call_tir callee '" + textOf(*call.items[0]) +
                             "' is not a PrimFunc of the module");
  std::vector<Incoming> arguments;
  for (size_t k = 1; k < call.items.size(); ++k) {
    const Expr &argument = *call.items[k];
    const Param *param = k - 1 < callee->params.size() ? &callee->params[k - 1] : nullptr;
    bool isBuffer = param && param->kind != ParamKind::Scalar;
    if (!isBuffer) {
      arguments.push_back({evaluate(argument), std::nullopt});
      continue;
    }
    Region region = regionOf(argument);
    const BufferView &buffer = *region.buffer;
    int64_t offset = buffer.elemOffset;
    for (size_t d = 0; d < region.mins.size(); ++d)
      offset += region.mins[d] * buffer.strides[d];
    IncomingRegion incoming{region.extents, buffer.strides};
    size_t calleeRank = param->buffer && param->buffer->shape ? param->buffer->shape->size()
                                                              : incoming.extents.size();
    while (incoming.extents.size() > calleeRank && incoming.extents.front() == 1) {
      incoming.extents.erase(incoming.extents.begin());
      incoming.strides.erase(incoming.strides.begin());
    }
    std::byte *first = buffer.data + offset * static_cast<int64_t>(buffer.type.bytes());
    arguments.push_back({Value::address(first), incoming});
  }
  invoke(*callee, std::move(arguments));
  return Value::zero(ScalarType::int32());
}

// ---------------------------------------------------------------------------------------------
// Variables.

ScalarType Machine::typeOfSymbol(const Symbol &symbol) const {
  return symbol.dtype ? scalarType(*symbol.dtype) : ScalarType::int32();
}

Value *Machine::slotOf(const Symbol *symbol) {
  auto it = frame().scalars.find(symbol);
  return it == frame().scalars.end() ? nullptr : it->second;
}

void Machine::bind(const Symbol *symbol, const Value &value) {
  if (Value *slot = slotOf(symbol)) {
    *slot = value;
    return;
  }
  Value &slot = frame().slots.emplace_back(value);
  frame().scalars[symbol] = &slot;
}

/// `x = e` / `x: T.int32 = e`: a let (classic), or a mutable scalar (HEAD's tirx, where a later
/// `x = e` of the same name writes the same variable, converted to its type).
void Machine::bindLet(const Expr &target, const Value &source, const Expr *annotation) {
  Value value = toTir(source);
  if (annotation) {
    const Expr *type = annotation->kind == ExprKind::Call ? annotation->base : annotation;
    std::string_view name =
        type && type->builtin && type->builtin->dialect == Dialect::TIR ? type->builtin->name : "";
    if (auto scalar = dtypeConstructor(name)) value = castGuarded(source, *scalar);
  }
  if (Model && Model->usesTirx()) {
    Frame &current = frame();
    if (auto it = current.mutableScalars.find(target.text); it != current.mutableScalars.end()) {
      *it->second = castGuarded(value, it->second->type);
      current.scalars[target.symbol] = it->second;
      return;
    }
    bind(target.symbol, value);
    current.mutableScalars[target.text] = slotOf(target.symbol);
    if (CurrentScope) CurrentScope->introduce(target.text);
    return;
  }
  bind(target.symbol, value);
}

// ---------------------------------------------------------------------------------------------
// Statements.

void Machine::executeBody(const std::vector<Stmt *> &body) {
  Scope scope(*this);
  for (const Stmt *stmt : body)
    execute(*stmt);
}

void Machine::execute(const Stmt &stmt) {
  switch (stmt.kind) {
  case StmtKind::For: executeFor(stmt); return;
  case StmtKind::While: executeWhile(stmt); return;
  case StmtKind::If:
    if (evaluate(*stmt.value).truthy())
      executeBody(stmt.body);
    else
      executeBody(stmt.orelse);
    return;
  case StmtKind::With: executeWith(stmt); return;
  case StmtKind::Assign: executeAssign(stmt); return;
  case StmtKind::BufferStore: {
    Value value = evaluate(*stmt.value);
    for (const Expr *target : stmt.targets)
      store(*target, value);
    return;
  }
  case StmtKind::AugAssign: executeAugAssign(stmt); return;
  case StmtKind::Expr: executeExpression(*stmt.value); return;
  case StmtKind::Assert:
    if (stmt.items.empty()) throw std::runtime_error("assert without a condition");
    checkAssertion(*stmt.items[0], stmt.items.size() > 1 ? stmt.items[1] : nullptr);
    return;
  case StmtKind::Return:
    throw ReturnSignal{stmt.value ? toTir(evaluate(*stmt.value))
                                  : Value::zero(ScalarType::int32())};
  case StmtKind::Pass:
  case StmtKind::FunctionDef: return;
  case StmtKind::Other: executeOther(stmt); return;
  }
}

void Machine::executeOther(const Stmt &stmt) {
  std::string text = Model ? std::string(Model->source().text().substr(
                                 stmt.range.begin, stmt.range.end - stmt.range.begin))
                           : std::string();
  if (text == "break") throw BreakSignal{};
  if (text == "continue") throw ContinueSignal{};
  unsupported("statement '" + text.substr(0, 40) + "'");
}

/// The loops a `for` iterable describes: range/T.serial/T.parallel/T.vectorized/T.unroll(start,
/// stop) is one, T.grid(a, b, c) one per extent. The loop variable's dtype is the wider of the
/// minimum's and the extent's (int32 for Python ints).
std::vector<LoopRange>
loopRangesOf(const Expr &iterable, const std::function<Value(const Expr &)> &evaluate,
             const std::function<std::vector<Value>(const Expr &)> &evaluateList) {
  if (iterable.kind != ExprKind::Call || !iterable.base)
    unsupported("loop over a non-call iterable");
  std::string_view name = builtinName(&iterable);
  bool isRange = iterable.base->kind == ExprKind::Name && iterable.base->symbol &&
                 iterable.base->symbol->kind == SymbolKind::PythonBuiltin &&
                 iterable.base->text == "range";
  auto rangeFrom = [&](Value start, Value stop, Value step) {
    Value extent = binary(Op::Sub, stop, start);
    LoopRange range;
    range.type = commonType(toTir(start), toTir(extent));
    range.min = start.toInt64();
    range.step = step.toInt64();
    if (range.step <= 0) unsupported("a loop step that is not positive");
    int64_t count = extent.toInt64();
    range.extent = count <= 0 ? 0 : (count + range.step - 1) / range.step;
    return range;
  };
  if (name == "grid") {
    std::vector<LoopRange> ranges;
    for (const Value &extent : evaluateList(iterable))
      ranges.push_back(rangeFrom(Value::pythonInt(0), extent, Value::pythonInt(1)));
    return ranges;
  }
  if (name == "thread_binding") unsupported("T.thread_binding loop (GPU)");
  if (isRange || name == "serial" || name == "parallel" || name == "vectorized" ||
      name == "unroll") {
    const Expr *first = iterable.argument(0, "start");
    const Expr *second = iterable.argument(1, "stop");
    const Expr *third = isRange ? iterable.argument(2, "step") : nullptr;
    if (!first) throw std::runtime_error("loop without an extent");
    Value step = third ? evaluate(*third) : Value::pythonInt(1);
    if (!second) return {rangeFrom(Value::pythonInt(0), evaluate(*first), step)};
    return {rangeFrom(evaluate(*first), evaluate(*second), step)};
  }
  unsupported("loop over '" + std::string(name.empty() ? "?" : name) + "'");
}

void Machine::executeFor(const Stmt &stmt) {
  std::vector<LoopRange> ranges = loopRangesOf(
      *stmt.value, [this](const Expr &e) { return evaluate(e); },
      [this](const Expr &call) { return evaluateArguments(call); });
  if (ranges.size() != stmt.targets.size())
    unsupported("a loop binding " + std::to_string(stmt.targets.size()) + " names to " +
                std::to_string(ranges.size()) + " loops");
  runLoopNest(stmt, ranges, 0);
}

void Machine::runLoopNest(const Stmt &stmt, const std::vector<LoopRange> &ranges, size_t depth) {
  if (depth == ranges.size()) {
    executeBody(stmt.body);
    return;
  }
  const LoopRange &range = ranges[depth];
  const Symbol *variable = stmt.targets[depth]->symbol;
  frame().loopMins[variable] = range.min;
  bool innermost = depth + 1 == ranges.size();
  for (int64_t k = 0; k < range.extent; ++k) {
    bind(variable, Value::integer(range.type, range.min + k * range.step));
    if (!innermost) {
      runLoopNest(stmt, ranges, depth + 1);
      continue;
    }
    try {
      executeBody(stmt.body);
    } catch (const BreakSignal &) {
      break;
    } catch (const ContinueSignal &) {
    }
  }
}

void Machine::executeWhile(const Stmt &stmt) {
  while (evaluate(*stmt.value).truthy()) {
    try {
      executeBody(stmt.body);
    } catch (const BreakSignal &) {
      break;
    } catch (const ContinueSignal &) {
    }
  }
}

/// `with` statements other than blocks: T.LetStmt, T.allocate, T.decl_buffer (with `as`),
/// T.attr and T.Assert frames.
void Machine::executeWith(const Stmt &stmt) {
  if (stmt.block) {
    executeBlock(stmt);
    return;
  }
  if (stmt.items.size() != 1) unsupported("a with statement of several items");
  const Expr &item = *stmt.items[0];
  std::string_view name = builtinName(&item);
  const Expr *alias = stmt.targets.empty() ? nullptr : stmt.targets[0];
  Scope scope(*this);
  if (name == "LetStmt" || name == "let") {
    const Expr *value = item.argument(0, "value");
    if (!value || !alias) throw std::runtime_error("T.LetStmt needs a value and `as x`");
    bindLet(*alias, evaluate(*value), item.argument(1, "type_annotation"));
  } else if (name == "allocate") {
    if (!alias) throw std::runtime_error("`with T.allocate(...)` needs `as ptr`");
    allocatePointer(*alias, item);
  } else if (name == "decl_buffer") {
    if (!alias) throw std::runtime_error("`with T.decl_buffer(...)` needs `as name`");
    Declaration declaration = declarationOf(item, 0);
    BufferView view = makeView(alias->text, declaration, nullptr, nullptr);
    if (declaration.data)
      view.data = evaluate(*declaration.data).pointer;
    else
      view.data = allocate(view);
    adoptArgumentStorage(view);
    frame().buffers[alias->symbol] = view;
  } else if (name == "Assert") {
    checkAssertion(*item.argument(0, "condition"), item.argument(1, "message"));
  } else if (name != "attr" && name != "hint") {
    unsupported("with " + textOf(item));
  }
  executeBody(stmt.body);
}

bool isBlockDeclaration(const Stmt &stmt) {
  std::string_view name = builtinName(stmt.value);
  if (stmt.kind == StmtKind::Assign && name.starts_with("axis.")) return true;
  if (stmt.kind == StmtKind::Expr && isDeclarationOnly(name)) return true;
  return stmt.kind == StmtKind::With && stmt.items.size() == 1 &&
         builtinName(stmt.items[0]) == "init";
}

bool isBufferDeclaration(const Stmt &stmt) {
  return stmt.kind == StmtKind::Assign && isBufferConstructor(builtinName(stmt.value));
}

/// A block instance: bind the axes to their bindings, skip it when T.where is false, declare
/// its buffers, run T.init() when every reduction axis is at its minimum, then the body.
void Machine::executeBlock(const Stmt &with) {
  const BlockInfo &block = *with.block;
  Scope scope(*this);
  bool atReductionStart = bindBlockAxes(block);
  if (block.where && !evaluate(*block.where).truthy()) return;
  for (const Stmt *stmt : with.body)
    if (isBufferDeclaration(*stmt)) execute(*stmt);
  if (atReductionStart && !block.init.empty()) executeBody(block.init);
  for (const Stmt *stmt : with.body)
    if (!isBlockDeclaration(*stmt) && !isBufferDeclaration(*stmt)) execute(*stmt);
}

bool Machine::bindBlockAxes(const BlockInfo &block) {
  bool atStart = true;
  for (const BlockAxis &axis : block.axes) {
    if (!axis.binding || !axis.symbol) unsupported("a block axis without a binding");
    Value value = toTir(evaluate(*axis.binding));
    if (!value.type.isInteger()) throw std::runtime_error("block axis bound to " + value.str());
    bind(axis.symbol, value);
    if (axis.kind == AxisKind::Reduce && value.i != axisMinimum(axis)) atStart = false;
  }
  return atStart;
}

/// The minimum of an axis' domain: `[lo, hi)` gives lo, an extent 0; `T.axis.remap` takes the
/// domain of the loop it binds.
int64_t Machine::axisMinimum(const BlockAxis &axis) {
  if (axis.domain) {
    bool isInterval =
        (axis.domain->kind == ExprKind::Tuple || axis.domain->kind == ExprKind::List) &&
        !axis.domain->items.empty();
    return isInterval ? integerOf(*axis.domain->items[0]) : 0;
  }
  if (axis.binding->kind == ExprKind::Name && axis.binding->symbol) {
    auto it = frame().loopMins.find(axis.binding->symbol);
    if (it != frame().loopMins.end()) return it->second;
  }
  return 0;
}

void Machine::executeAssign(const Stmt &stmt) {
  std::string_view name = builtinName(stmt.value);
  if (isBufferConstructor(name)) {
    declareBuffer(stmt);
    return;
  }
  if (name.starts_with("axis.")) unsupported("T." + std::string(name) + " outside a block");
  if (name == "allocate") {
    allocatePointer(*stmt.targets.at(0), *stmt.value);
    return;
  }
  if (name == "launch_thread" || name == "env_thread")
    unsupported("T." + std::string(name) + " (GPU)");
  for (const Expr *target : stmt.targets)
    assignTarget(*target, stmt.value, stmt.annotation);
}

void Machine::assignTarget(const Expr &target, const Expr *valueExpr, const Expr *annotation) {
  if (!valueExpr) throw std::runtime_error("assignment without a value");
  if (target.kind == ExprKind::Subscript) {
    store(target, evaluate(*valueExpr));
    return;
  }
  if (target.kind == ExprKind::Tuple || target.kind == ExprKind::List) {
    bool paired = (valueExpr->kind == ExprKind::Tuple || valueExpr->kind == ExprKind::List) &&
                  valueExpr->items.size() == target.items.size();
    if (!paired) unsupported("unpacking '" + textOf(*valueExpr) + "'");
    for (size_t k = 0; k < target.items.size(); ++k)
      assignTarget(*target.items[k], valueExpr->items[k], nullptr);
    return;
  }
  if (target.kind != ExprKind::Name || !target.symbol)
    unsupported("assignment to '" + textOf(target) + "'");
  if (target.symbol->kind == SymbolKind::ShapeVar)
    return; // `n = T.int64()`: bound from the arguments
  if (BufferView *buffer = findBuffer(*valueExpr)) {
    frame().buffers[target.symbol] = *buffer; // `B = A`: another name for the buffer
    return;
  }
  bindLet(target, evaluate(*valueExpr), annotation);
}

void Machine::executeAugAssign(const Stmt &stmt) {
  const Expr &target = *stmt.targets.at(0);
  auto op = binaryOpOf(stmt.binary);
  if (!op) unsupported("augmented assignment with @=");
  Value value = evaluate(*stmt.value);
  if (target.kind == ExprKind::Subscript) {
    store(target, evaluateBinary(*op, evaluate(target), value));
    return;
  }
  Value *slot = target.kind == ExprKind::Name ? slotOf(target.symbol) : nullptr;
  if (!slot) unsupported("augmented assignment to '" + textOf(target) + "'");
  *slot = castGuarded(evaluateBinary(*op, *slot, value), slot->type);
}

void Machine::executeExpression(const Expr &expr) {
  switch (expr.kind) {
  case ExprKind::String:
  case ExprKind::Int:
  case ExprKind::Float:
  case ExprKind::Bool:
  case ExprKind::None:
  case ExprKind::Ellipsis: return; // docstrings and constant statements
  default: break;
  }
  std::string_view name = builtinName(&expr);
  if (isDeclarationOnly(name)) return;
  if (name == "evaluate") {
    if (const Expr *value = expr.argument(0, "value")) evaluate(*value);
    return;
  }
  if (name == "Assert") {
    checkAssertion(*expr.argument(0, "condition"), expr.argument(1, "message"));
    return;
  }
  evaluate(expr);
}

void Machine::checkAssertion(const Expr &condition, const Expr *message) {
  if (evaluate(condition).truthy()) return;
  throw AssertionFailed{message && message->kind == ExprKind::String ? message->text
                                                                     : std::string()};
}

// ---------------------------------------------------------------------------------------------
// Buffers.

/// `A = T.match_buffer(...)`, `T.alloc_buffer`, `T.decl_buffer`, `T.Buffer(..., data=p)`.
void Machine::declareBuffer(const Stmt &stmt) {
  const Expr &target = *stmt.targets.at(0);
  const Expr &call = *stmt.value;
  if (target.kind != ExprKind::Name || !target.symbol)
    unsupported("buffer declaration '" + textOf(target) + "'");
  std::string_view name = builtinName(&call);
  if (name == "match_buffer") {
    Declaration declaration = declarationOf(call, 1);
    const Expr *source = call.argument(0, "param");
    if (!source) throw std::runtime_error("T.match_buffer without a source");
    if (source->kind == ExprKind::Subscript || findBuffer(*source)) {
      frame().buffers[target.symbol] = matchRegion(target.text, declaration, regionOf(*source));
      return;
    }
    auto region =
        source->symbol ? frame().handleRegions.find(source->symbol) : frame().handleRegions.end();
    const IncomingRegion *incoming =
        region == frame().handleRegions.end() ? nullptr : &region->second;
    BufferView view = makeView(target.text, declaration, evaluate(*source).pointer, incoming);
    adoptArgumentStorage(view);
    frame().buffers[target.symbol] = std::move(view);
    return;
  }
  Declaration declaration = declarationOf(call, 0);
  BufferView view = makeView(target.text, declaration, nullptr, nullptr);
  if (declaration.data) {
    view.data = evaluate(*declaration.data).pointer;
    adoptArgumentStorage(view);
  } else {
    view.data = allocate(view);
  }
  frame().buffers[target.symbol] = std::move(view);
}

/// The view a declaration describes over `data`. Shape, stride and elem_offset variables that
/// are still unbound take their values from `region` (what T.call_tir passed), as TVM's
/// argument binding does for a variable standing alone in a dimension.
BufferView Machine::makeView(std::string name, const Declaration &declaration, std::byte *data,
                             const IncomingRegion *region, bool keepsRegionStrides) {
  BufferView view;
  view.name = std::move(name);
  view.data = data;
  view.type = declaration.dtype ? dtypeOf(*declaration.dtype) : ScalarType::float32();
  if (declaration.scope) {
    std::string scope = stringOf(*declaration.scope);
    if (scope != "global" && scope != "local" && !scope.empty())
      unsupported("buffer scope \"" + scope + "\"");
  }
  auto bindFromRegion = [&](const Expr *expr, int64_t value) {
    bool isFree = expr && expr->kind == ExprKind::Name && expr->symbol &&
                  expr->symbol->kind == SymbolKind::ShapeVar && !slotOf(expr->symbol);
    if (isFree) bind(expr->symbol, cast(Value::pythonInt(value), typeOfSymbol(*expr->symbol)));
  };
  if (!declaration.shape) throw std::runtime_error("buffer '" + view.name + "' without a shape");
  const Expr &shape = *declaration.shape;
  bool isList = shape.kind == ExprKind::Tuple || shape.kind == ExprKind::List;
  if (region && isList && shape.items.size() == region->extents.size())
    for (size_t k = 0; k < shape.items.size(); ++k)
      bindFromRegion(shape.items[k], region->extents[k]);
  for (const Value &extent : isList || shape.kind == ExprKind::Attribute
                                 ? evaluateList(shape)
                                 : std::vector<Value>{evaluate(shape)}) {
    Value dimension = toTir(extent);
    if (!dimension.type.isInteger())
      throw std::runtime_error("buffer '" + view.name + "' has a non-integer extent");
    view.shape.push_back(dimension);
  }
  if (declaration.strides) {
    const Expr &strides = *declaration.strides;
    if (region && (strides.kind == ExprKind::Tuple || strides.kind == ExprKind::List) &&
        strides.items.size() == region->strides.size())
      for (size_t k = 0; k < strides.items.size(); ++k)
        bindFromRegion(strides.items[k], region->strides[k]);
    for (const Value &stride : evaluateList(strides))
      view.strides.push_back(stride.toInt64());
  }
  if (view.strides.empty() && !view.shape.empty()) {
    if (region && !keepsRegionStrides && region->strides.size() == view.shape.size()) {
      int64_t expected = 1;
      for (size_t k = view.shape.size(); k-- > 0;) {
        if (region->extents[k] > 1 && region->strides[k] != expected)
          throw std::runtime_error("a non-contiguous region passed to compact buffer '" +
                                   view.name + "'");
        expected *= region->extents[k];
      }
    }
    view.strides.assign(view.shape.size(), 1);
    for (size_t k = view.shape.size() - 1; k-- > 0;)
      view.strides[k] = view.strides[k + 1] * view.shape[k + 1].i;
  }
  if (view.strides.size() != view.shape.size())
    throw std::runtime_error("buffer '" + view.name + "' has " +
                             std::to_string(view.strides.size()) + " strides for " +
                             std::to_string(view.shape.size()) + " dimensions");
  if (declaration.elemOffset) {
    if (region) bindFromRegion(declaration.elemOffset, 0);
    view.elemOffset = integerOf(*declaration.elemOffset);
  }
  return view;
}

/// T.match_buffer of a region inside a block: a view starting at the region's first element,
/// with the outer buffer's strides (leading unit dimensions dropped to the declared rank).
BufferView Machine::matchRegion(std::string name, const Declaration &declaration,
                                const Region &region) {
  const BufferView &outer = *region.buffer;
  IncomingRegion incoming{region.extents, outer.strides};
  int64_t offset = outer.elemOffset;
  for (size_t d = 0; d < region.mins.size(); ++d)
    offset += region.mins[d] * outer.strides[d];
  size_t rank = incoming.extents.size();
  if (declaration.shape &&
      (declaration.shape->kind == ExprKind::Tuple || declaration.shape->kind == ExprKind::List))
    rank = declaration.shape->items.size();
  while (incoming.extents.size() > rank && incoming.extents.front() == 1) {
    incoming.extents.erase(incoming.extents.begin());
    incoming.strides.erase(incoming.strides.begin());
  }
  if (incoming.extents.size() != rank)
    unsupported("T.match_buffer of a region whose rank differs from the buffer's");
  BufferView view;
  if (declaration.shape) {
    view =
        makeView(std::move(name), declaration, outer.data, &incoming, /*keepsRegionStrides=*/true);
  } else {
    view.name = std::move(name);
    view.type = declaration.dtype ? dtypeOf(*declaration.dtype) : outer.type;
    view.data = outer.data;
    for (int64_t extent : incoming.extents)
      view.shape.push_back(Value::integer(ScalarType::int32(), extent));
  }
  if (!declaration.dtype) view.type = outer.type;
  if (view.type != outer.type)
    throw std::runtime_error("T.match_buffer '" + view.name + "' changes the dtype");
  view.strides = incoming.strides;
  view.elemOffset = offset;
  return view;
}

/// Fresh storage for `view`, freed with the statement list it is declared in.
std::byte *Machine::allocate(const BufferView &view) {
  if (Speculative || !CurrentScope) throw std::runtime_error("allocation outside a scope");
  return CurrentScope->allocate(view.span() * static_cast<int64_t>(view.type.bytes()));
}

/// `p = T.allocate([extents], dtype, scope)`: fresh storage, bound to `p` as a pointer.
void Machine::allocatePointer(const Expr &target, const Expr &call) {
  const Expr *extents = call.argument(0, "extents");
  const Expr *dtype = call.argument(1, "dtype");
  if (!extents || !dtype) throw std::runtime_error("T.allocate needs extents and a dtype");
  if (const Expr *scope = call.argument(2, "scope")) {
    std::string name = stringOf(*scope);
    if (name != "global" && name != "local") unsupported("T.allocate in scope \"" + name + "\"");
  }
  int64_t elements = 1;
  for (const Value &extent : evaluateList(*extents))
    elements *= extent.toInt64();
  std::byte *data =
      CurrentScope->allocate(std::max<int64_t>(elements, 0) * dtypeOf(*dtype).bytes());
  if (target.symbol) bind(target.symbol, Value::address(data));
}

/// Argument storage becomes accessible as far as the first buffer that views it reaches.
void Machine::adoptArgumentStorage(const BufferView &view) {
  if (UnsizedArguments.count(view.data))
    Memory.add(view.data, view.span() * static_cast<int64_t>(view.type.bytes()));
}

BufferView *Machine::findBuffer(const Expr &expr) {
  if (expr.kind != ExprKind::Name || !expr.symbol) return nullptr;
  auto it = frame().buffers.find(expr.symbol);
  return it == frame().buffers.end() ? nullptr : &it->second;
}

BufferView &Machine::bufferOf(const Expr &expr) {
  if (BufferView *buffer = findBuffer(expr)) return *buffer;
  throw std::runtime_error("'" + textOf(expr) + "' is not a buffer here");
}

std::byte *Machine::elementAddress(const BufferView &buffer, const Expr &subscript) {
  if (static_cast<int64_t>(subscript.items.size()) != buffer.rank())
    unsupported("indexing " + std::to_string(buffer.rank()) + "-d buffer '" + buffer.name +
                "' with " + std::to_string(subscript.items.size()) + " indices");
  int64_t offset = buffer.elemOffset;
  for (size_t k = 0; k < subscript.items.size(); ++k) {
    const Expr &index = *subscript.items[k];
    if (index.kind == ExprKind::Slice) unsupported("vector access '" + textOf(subscript) + "'");
    offset += integerOf(index) * buffer.strides[k];
  }
  size_t size = buffer.type.bytes();
  auto address =
      reinterpret_cast<std::byte *>(reinterpret_cast<uintptr_t>(buffer.data) +
                                    static_cast<uintptr_t>(offset * static_cast<int64_t>(size)));
  if (!Memory.contains(address, size))
    throw std::runtime_error("out-of-bounds access '" + textOf(subscript) + "' of buffer '" +
                             buffer.name + "' (element offset " + std::to_string(offset) + ")");
  return address;
}

/// `A` (the whole buffer) or `A[a:b, i, :]`: per dimension the minimum and extent.
Region Machine::regionOf(const Expr &expr) {
  Region region;
  if (BufferView *buffer = findBuffer(expr)) {
    region.buffer = buffer;
    for (const Value &extent : buffer->shape) {
      region.mins.push_back(0);
      region.extents.push_back(extent.i);
    }
    return region;
  }
  if (expr.kind != ExprKind::Subscript || !expr.base)
    throw std::runtime_error("'" + textOf(expr) + "' is not a region");
  const BufferView &buffer = bufferOf(*expr.base);
  region.buffer = &buffer;
  if (static_cast<int64_t>(expr.items.size()) != buffer.rank())
    unsupported("region '" + textOf(expr) + "' of another rank");
  for (size_t k = 0; k < expr.items.size(); ++k) {
    const Expr &item = *expr.items[k];
    if (item.kind != ExprKind::Slice) {
      region.mins.push_back(integerOf(item));
      region.extents.push_back(1);
      continue;
    }
    if (item.items[2]) unsupported("strided region '" + textOf(expr) + "'");
    int64_t lower = item.items[0] ? integerOf(*item.items[0]) : 0;
    int64_t upper = item.items[1] ? integerOf(*item.items[1]) : buffer.shape[k].i;
    region.mins.push_back(lower);
    region.extents.push_back(std::max<int64_t>(upper - lower, 0));
  }
  return region;
}

void Machine::store(const Expr &target, const Value &value) {
  if (target.kind != ExprKind::Subscript || !target.base)
    unsupported("store to '" + textOf(target) + "'");
  const BufferView &buffer = bufferOf(*target.base);
  Value converted = castGuarded(value, buffer.type);
  storeScalar(elementAddress(buffer, target), buffer.type, converted);
}

// ---------------------------------------------------------------------------------------------
// Expressions.

Value Machine::evaluate(const Expr &expr) {
  switch (expr.kind) {
  case ExprKind::Int: return Value::pythonInt(expr.intValue);
  case ExprKind::Float: return Value::pythonFloat(expr.floatValue);
  case ExprKind::Bool: return Value::pythonBool(expr.intValue != 0);
  case ExprKind::Name: return evaluateName(expr);
  case ExprKind::Attribute: return evaluateAttribute(expr);
  case ExprKind::Subscript: return evaluateSubscript(expr);
  case ExprKind::Call: return evaluateCall(expr);
  case ExprKind::Binary: {
    auto op = binaryOpOf(expr.binary);
    if (!op) unsupported("operator @");
    return evaluateBinary(*op, evaluate(*expr.items[0]), evaluate(*expr.items[1]));
  }
  case ExprKind::Unary: {
    Value operand = evaluate(*expr.items[0]);
    if (expr.unary == UnaryOp::Neg) return negate(operand);
    if (expr.unary == UnaryOp::Invert) return bitwiseNot(operand);
    return operand;
  }
  case ExprKind::Not: return logicalNot(evaluate(*expr.items[0]));
  case ExprKind::Compare: return evaluateCompare(expr);
  case ExprKind::BoolOp: return evaluateBoolOp(expr);
  case ExprKind::Conditional: return evaluateConditional(expr);
  default: unsupported("expression '" + textOf(expr) + "'");
  }
}

Value Machine::evaluateName(const Expr &expr) {
  const Symbol *symbol = expr.symbol;
  if (!symbol) unsupported("name '" + expr.text + "'");
  if (Value *slot = slotOf(symbol)) return *slot;
  if (const Bindings *names = frame().names) {
    if (auto it = names->find(symbol->name); it != names->end())
      return cast(Value::pythonInt(it->second), typeOfSymbol(*symbol));
  }
  switch (symbol->kind) {
  case SymbolKind::Buffer: throw std::runtime_error("buffer '" + expr.text + "' used as a value");
  case SymbolKind::PythonName:
  case SymbolKind::PythonModule:
  case SymbolKind::PythonBuiltin: unsupported("Python-level name '" + expr.text + "'");
  default: throw std::runtime_error("'" + expr.text + "' has no value here");
  }
}

/// `A.data` (a pointer), `A.elem_offset`; `.shape` and `.strides` are lists (evaluateList).
Value Machine::evaluateAttribute(const Expr &expr) {
  if (expr.base) {
    if (BufferView *buffer = findBuffer(*expr.base)) {
      if (expr.text == "data") return Value::address(buffer->data);
      if (expr.text == "elem_offset")
        return Value::integer(ScalarType::int32(), buffer->elemOffset);
    }
  }
  unsupported("attribute '" + textOf(expr) + "'");
}

Value Machine::evaluateSubscript(const Expr &expr) {
  const Expr *base = expr.base;
  if (base && base->kind == ExprKind::Attribute &&
      (base->text == "shape" || base->text == "strides")) {
    std::vector<Value> list = evaluateList(*base);
    if (expr.items.size() != 1) unsupported("'" + textOf(expr) + "'");
    int64_t index = integerOf(*expr.items[0]);
    if (index < 0) index += static_cast<int64_t>(list.size());
    if (index < 0 || index >= static_cast<int64_t>(list.size()))
      throw std::runtime_error("index out of range: " + textOf(expr));
    return list[index];
  }
  const BufferView &buffer = bufferOf(*base);
  if (Speculative) {
    for (const Expr *index : expr.items)
      if (index->kind == ExprKind::Slice) unsupported("vector access '" + textOf(expr) + "'");
    return Value::zero(buffer.type);
  }
  return loadScalar(elementAddress(buffer, expr), buffer.type);
}

/// A binary operation; inside speculation, undefined behaviour only yields a zero of the type.
Value Machine::evaluateBinary(Op op, const Value &a, const Value &b) {
  try {
    return binary(op, a, b);
  } catch (const UndefinedBehavior &) {
    if (!Speculative) throw;
    bool isCompare = op >= Op::EQ && op <= Op::GE;
    return Value::zero(isCompare ? ScalarType::boolean() : commonType(a, b));
  }
}

Value Machine::castGuarded(const Value &value, ScalarType type) {
  try {
    return cast(value, type);
  } catch (const UndefinedBehavior &) {
    if (!Speculative) throw;
    return Value::zero(type);
  }
}

/// `a < b`, `a == b`; a chain `a < b < c` is `a < b and b < c` (TVM from v0.22).
Value Machine::evaluateCompare(const Expr &expr) {
  if (expr.items.size() < 2) throw std::runtime_error("comparison without operands");
  static const std::unordered_map<std::string_view, Op> operators = {
      {"<", Op::LT}, {"<=", Op::LE}, {">", Op::GT}, {">=", Op::GE}, {"==", Op::EQ}, {"!=", Op::NE},
  };
  std::optional<Value> result;
  Value left = evaluate(*expr.items[0]);
  for (size_t k = 1; k < expr.items.size(); ++k) {
    std::string_view text = compareOperator(*expr.items[k - 1], *expr.items[k]);
    auto op = operators.find(text);
    if (op == operators.end()) unsupported("comparison operator '" + std::string(text) + "'");
    Value right = evaluate(*expr.items[k]);
    Value step = evaluateBinary(op->second, left, right);
    if (!result)
      result = step;
    else
      result = result->python && step.python ? Value::pythonBool(result->truthy() && step.truthy())
                                             : binary(Op::And, *result, step);
    left = right;
  }
  return *result;
}

/// `a and b`, `a or b`: Python's short circuit between Python values; otherwise tir.And/Or, whose
/// right side is evaluated only when it decides the result (expressions have no side effects).
Value Machine::evaluateBoolOp(const Expr &expr) {
  bool isAnd = expr.text == "and";
  Value left = evaluate(*expr.items[0]);
  if (left.python && (isAnd ? !left.truthy() : left.truthy())) return left;
  if (!left.python) {
    bool decided = isAnd ? !cast(left, ScalarType::boolean()).truthy()
                         : cast(left, ScalarType::boolean()).truthy();
    if (decided) return Value::integer(ScalarType::boolean(), !isAnd);
  }
  Value right = evaluate(*expr.items[1]);
  if (left.python && right.python) return right;
  return binary(isAnd ? Op::And : Op::Or, left, right);
}

Value Machine::evaluateConditional(const Expr &expr) {
  Value condition = evaluate(*expr.items[1]);
  if (condition.python) return evaluate(*(condition.truthy() ? expr.items[0] : expr.items[2]));
  return choose(condition, *expr.items[0], *expr.items[2], false);
}

/// T.if_then_else (only the taken side runs) and T.Select (both run). The result has the two
/// sides' common type, so the untaken side is evaluated for its type only.
Value Machine::choose(const Value &condition, const Expr &whenTrue, const Expr &whenFalse,
                      bool evaluateBoth) {
  bool taken = cast(toTir(condition), ScalarType::boolean()).truthy();
  const Expr &chosen = taken ? whenTrue : whenFalse;
  const Expr &other = taken ? whenFalse : whenTrue;
  Value value = evaluate(chosen);
  Value otherValue = evaluateBoth ? evaluate(other) : speculate(other);
  if (value.python && otherValue.python) {
    value = toTir(value);
    otherValue = toTir(otherValue);
  }
  return castGuarded(value, commonType(value, otherValue));
}

Value Machine::speculate(const Expr &expr) {
  ++Speculative;
  try {
    Value value = evaluate(expr);
    --Speculative;
    return value;
  } catch (...) {
    --Speculative;
    throw;
  }
}

Value Machine::evaluateCall(const Expr &call) {
  const Expr *callee = call.base;
  if (!callee) unsupported("call");
  if (callee->kind == ExprKind::Attribute && callee->text == "astype" && !callee->builtin) {
    if (call.items.empty()) throw std::runtime_error("astype without a dtype");
    return castGuarded(evaluate(*callee->base), dtypeOf(*call.items[0]));
  }
  if (callee->builtin && callee->builtin->dialect == Dialect::TIR)
    return evaluateBuiltin(call, callee->builtin->name);
  if (const Function *function = functionNamed(*callee)) return callSubroutine(*function, call);
  if (callee->kind == ExprKind::Name && callee->symbol &&
      callee->symbol->kind == SymbolKind::PythonBuiltin)
    return evaluatePythonBuiltin(call, callee->text);
  unsupported("call of '" + textOf(*callee) + "'");
}

Value Machine::evaluateBuiltin(const Expr &call, std::string_view name) {
  auto argument = [&](size_t index, std::string_view keyword) -> const Expr & {
    const Expr *expr = call.argument(index, keyword);
    if (!expr)
      throw std::runtime_error("T." + std::string(name) + " is missing argument '" +
                               std::string(keyword) + "'");
    return *expr;
  };
  if (isUnsupportedBuiltin(name)) unsupported("T." + std::string(name));
  if (auto type = dtypeConstructor(name)) return typedLiteral(call, *type);
  if (name == "Cast")
    return castGuarded(evaluate(argument(1, "value")), dtypeOf(argument(0, "dtype")));
  if (name == "cast")
    return castGuarded(evaluate(argument(0, "value")), dtypeOf(argument(1, "dtype")));
  if (name == "reinterpret")
    return reinterpret(evaluate(argument(1, "value")), dtypeOf(argument(0, "dtype")));
  if (name == "if_then_else")
    return choose(evaluate(argument(0, "cond")), argument(1, "t"), argument(2, "f"), false);
  if (name == "Select")
    return choose(evaluate(argument(0, "condition")), argument(1, "true_value"),
                  argument(2, "false_value"), true);
  if (auto op = builtinOp(name)) {
    Value a = evaluate(argument(0, "a")), b = evaluate(argument(1, "b"));
    if (a.python && b.python) a = toTir(a), b = toTir(b);
    return evaluateBinary(*op, a, b);
  }
  if (name == "ceildiv") {
    Value a = evaluate(argument(0, "a")), b = evaluate(argument(1, "b"));
    if (a.python && b.python) a = toTir(a), b = toTir(b);
    ScalarType type = commonType(a, b);
    Value x = cast(a, type), y = cast(b, type);
    Value sum = evaluateBinary(Op::Sub, evaluateBinary(Op::Add, x, y), Value::integer(type, 1));
    return evaluateBinary(Op::FloorDiv, sum, y);
  }
  if (name == "Not") return logicalNot(toTir(evaluate(argument(0, "a"))));
  if (name == "bitwise_not") return bitwiseNot(toTir(evaluate(argument(0, "x"))));
  if (name == "likely") return evaluate(argument(0, "cond"));
  if (name == "infinity") return infinity(dtypeOf(argument(0, "dtype")));
  if (name == "max_value") return maxValue(dtypeOf(argument(0, "dtype")));
  if (name == "min_value") return minValue(dtypeOf(argument(0, "dtype")));
  if (isMathIntrinsic(name)) {
    std::vector<Value> arguments = evaluateArguments(call);
    return math(name, arguments);
  }
  if (name == "call_extern" || name == "call_pure_extern") return callExtern(call);
  if (name == "call_tir") return callTir(call);
  if (name == "address_of") {
    const Expr &element = argument(0, "buffer_load");
    if (element.kind != ExprKind::Subscript)
      throw std::runtime_error("T.address_of needs a buffer element");
    return Value::address(elementAddress(bufferOf(*element.base), element));
  }
  if (name == "ret") throw ReturnSignal{toTir(evaluate(argument(0, "val")))};
  if (name == "evaluate") return evaluate(argument(0, "value"));
  unsupported("T." + std::string(name));
}

/// T.float32(1), T.int64(n), T.bool(True), T.float32("inf"): a typed constant or a cast.
Value Machine::typedLiteral(const Expr &call, ScalarType type) {
  if (call.items.size() != 1)
    unsupported("T." + type.str() + " with " + std::to_string(call.items.size()) + " arguments");
  const Expr &argument = *call.items[0];
  if (argument.kind == ExprKind::String) {
    if (!type.isFloat())
      throw std::runtime_error("T." + type.str() + "(\"" + argument.text + "\")");
    if (argument.text == "inf") return infinity(type);
    if (argument.text == "-inf") return negate(infinity(type));
    if (argument.text == "nan")
      return Value::floating(type, std::numeric_limits<double>::quiet_NaN());
    return castGuarded(Value::pythonFloat(std::stod(argument.text)), type);
  }
  return castGuarded(evaluate(argument), type);
}

/// min/max/abs/int/float/bool on Python numbers (TVM evaluates these in Python).
Value Machine::evaluatePythonBuiltin(const Expr &call, std::string_view name) {
  std::vector<Value> arguments = evaluateArguments(call);
  for (const Value &value : arguments)
    if (!value.python)
      unsupported("Python " + std::string(name) + "() of a TIR value (use T." + std::string(name) +
                  ")");
  if ((name == "min" || name == "max") && !arguments.empty()) {
    Value best = arguments[0];
    for (size_t k = 1; k < arguments.size(); ++k) {
      bool better = binary(name == "min" ? Op::LT : Op::GT, arguments[k], best).truthy();
      if (better) best = arguments[k];
    }
    return best;
  }
  if (arguments.size() == 1) {
    const Value &x = arguments[0];
    if (name == "abs")
      return x.isPythonFloat() ? Value::pythonFloat(std::fabs(x.f))
                               : Value::pythonInt(x.i < 0 ? -x.i : x.i);
    if (name == "int") return Value::pythonInt(x.isPythonFloat() ? static_cast<int64_t>(x.f) : x.i);
    if (name == "float") return Value::pythonFloat(x.toDouble());
    if (name == "bool") return Value::pythonBool(x.truthy());
  }
  unsupported("Python " + std::string(name) + "()");
}

/// T.call_extern(dtype, "expf", x) for the libm functions math() knows: the `f` suffix selects
/// float32, none float64.
Value Machine::callExtern(const Expr &call) {
  const Expr *dtype = call.keyword("dtype");
  size_t first = dtype ? 0 : 1;
  if (!dtype) dtype = call.items.empty() ? nullptr : call.items[0];
  if (!dtype || call.items.size() <= first || call.items[first]->kind != ExprKind::String)
    throw std::runtime_error("T.call_extern needs a dtype and a function name");
  std::string function = call.items[first]->text;
  ScalarType result = dtypeOf(*dtype);
  ScalarType operands = {ScalarType::Code::Float, 64};
  std::string intrinsic = function;
  if (function.size() > 1 && function.back() == 'f' &&
      isMathIntrinsic(function.substr(0, function.size() - 1))) {
    intrinsic = function.substr(0, function.size() - 1);
    operands = ScalarType::float32();
  }
  if (!isMathIntrinsic(intrinsic) || intrinsic == "sigmoid" || intrinsic == "rsqrt")
    unsupported("T.call_extern of \"" + function + "\"");
  std::vector<Value> arguments;
  for (size_t k = first + 1; k < call.items.size(); ++k)
    arguments.push_back(castGuarded(evaluate(*call.items[k]), operands));
  return castGuarded(math(intrinsic, arguments), result);
}

/// Positional arguments, with `*A.shape` and other starred lists expanded.
std::vector<Value> Machine::evaluateArguments(const Expr &call) {
  std::vector<Value> values;
  for (const Expr *item : call.items) {
    if (item->kind == ExprKind::Starred) {
      std::vector<Value> expanded = evaluateList(*item->items[0]);
      values.insert(values.end(), expanded.begin(), expanded.end());
    } else {
      values.push_back(evaluate(*item));
    }
  }
  return values;
}

/// A tuple or list of values, `A.shape`, `A.strides`, or a starred expansion of them.
std::vector<Value> Machine::evaluateList(const Expr &expr) {
  if (expr.kind == ExprKind::Tuple || expr.kind == ExprKind::List) {
    std::vector<Value> values;
    for (const Expr *item : expr.items) {
      if (item->kind == ExprKind::Starred) {
        std::vector<Value> expanded = evaluateList(*item->items[0]);
        values.insert(values.end(), expanded.begin(), expanded.end());
      } else {
        values.push_back(evaluate(*item));
      }
    }
    return values;
  }
  if (expr.kind == ExprKind::Attribute && expr.base) {
    if (BufferView *buffer = findBuffer(*expr.base)) {
      if (expr.text == "shape") return buffer->shape;
      if (expr.text == "strides") {
        std::vector<Value> strides;
        for (int64_t stride : buffer->strides)
          strides.push_back(Value::integer(ScalarType::int32(), stride));
        return strides;
      }
    }
  }
  if (expr.kind == ExprKind::Call && builtinName(&expr) == "grid") return evaluateArguments(expr);
  return {evaluate(expr)};
}

std::string Machine::stringOf(const Expr &expr) {
  if (expr.kind == ExprKind::String) return expr.text;
  if (expr.kind == ExprKind::Attribute && expr.text == "dtype" && expr.base)
    if (BufferView *buffer = findBuffer(*expr.base)) return buffer->type.str();
  // T.float32 written as a dtype (T.Cast(T.float32, x) is not TVM, but `dtype=T.float32` is)
  if (expr.builtin && expr.builtin->dialect == Dialect::TIR && parseDType(expr.builtin->name))
    return std::string(expr.builtin->name);
  throw std::runtime_error("expected a string, got '" + textOf(expr) + "'");
}

std::string Machine::textOf(const Expr &expr) const {
  if (!Model) return "<expression>";
  std::string_view text = Model->source().text();
  if (expr.range.end > text.size() || expr.range.begin > expr.range.end) return "<expression>";
  return std::string(text.substr(expr.range.begin, expr.range.end - expr.range.begin));
}

/// The comparison operator between two operands, read from the source (the model keeps only the
/// operands): whatever lies between them, without parentheses and whitespace.
std::string_view Machine::compareOperator(const Expr &left, const Expr &right) const {
  if (!Model) unsupported("comparison outside a script");
  std::string_view text = Model->source().text();
  if (left.range.end > right.range.begin || right.range.begin > text.size()) return {};
  std::string_view between = text.substr(left.range.end, right.range.begin - left.range.end);
  auto isNoise = [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) || c == '(' || c == ')' || c == '\\';
  };
  while (!between.empty() && isNoise(between.front()))
    between.remove_prefix(1);
  while (!between.empty() && isNoise(between.back()))
    between.remove_suffix(1);
  return between;
}

// ---------------------------------------------------------------------------------------------
// Layout queries.

int64_t Machine::elementCount(const Buffer &buffer, const Bindings &bindings) {
  if (!buffer.declaration) throw std::runtime_error("buffer without a declaration");
  const Function *owner = nullptr;
  if (Model)
    for (const Function *function : Model->functions())
      if (std::find(function->buffers.begin(), function->buffers.end(), &buffer) !=
          function->buffers.end())
        owner = function;
  static const Function kDetached;
  Frame &current = pushFrame(owner ? *owner : kDetached);
  FrameGuard guard{*this};
  current.names = &bindings;
  bool isMatch = buffer.origin == BufferOrigin::MatchBuffer;
  if (isMatch && buffer.source && buffer.source->kind == ExprKind::Subscript)
    throw std::runtime_error("the size of '" + buffer.symbol->name +
                             "' depends on the region it matches");
  BufferView view = makeView(buffer.symbol ? buffer.symbol->name : "?",
                             declarationOf(*buffer.declaration, isMatch ? 1 : 0), nullptr, nullptr);
  return view.span();
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Public interface.

int32_t run(const ScriptModel &model, const Function &function,
            std::span<const Argument> arguments) {
  Machine machine(&model);
  try {
    machine.runEntry(function, arguments);
  } catch (const AssertionFailed &) {
    return -1;
  } catch (const ReturnSignal &) {
  }
  return 0;
}

int64_t elementCount(const Buffer &buffer, const Bindings &bindings) {
  Machine machine(nullptr);
  return machine.elementCount(buffer, bindings);
}

std::vector<AbiSlot> abiSignature(const ScriptModel &model, const Function &function) {
  std::vector<AbiSlot> storage, scalars, variables;
  for (const Param &param : function.params) {
    AbiSlot slot;
    slot.name = param.symbol->name;
    slot.symbol = param.symbol;
    switch (param.kind) {
    case ParamKind::Buffer:
    case ParamKind::Handle:
      slot.kind = param.buffer ? AbiSlot::Kind::Buffer : AbiSlot::Kind::Pointer;
      slot.buffer = param.buffer;
      if (param.buffer) slot.dtype = param.buffer->dtypeName;
      storage.push_back(slot);
      break;
    case ParamKind::Pointer: {
      slot.kind = AbiSlot::Kind::Pointer;
      const Expr *annotation = param.annotation;
      if (annotation && annotation->kind == ExprKind::Call && !annotation->items.empty() &&
          annotation->items[0]->kind == ExprKind::String)
        slot.dtype = annotation->items[0]->text;
      storage.push_back(slot);
      break;
    }
    case ParamKind::Scalar:
      slot.kind = AbiSlot::Kind::Scalar;
      slot.dtype = param.symbol->dtype ? param.symbol->dtype->str() : "int32";
      scalars.push_back(slot);
      break;
    default: unsupported("parameter '" + param.symbol->name + "' of '" + function.name + "'");
    }
  }
  std::set<const Symbol *> seen;
  for (const SymbolReference &reference : model.references()) {
    bool inside =
        reference.range.begin >= function.range.begin && reference.range.end <= function.range.end;
    const Symbol *symbol = reference.symbol;
    if (!inside || !symbol || symbol->kind != SymbolKind::ShapeVar || !seen.insert(symbol).second)
      continue;
    AbiSlot slot;
    slot.kind = AbiSlot::Kind::ShapeVariable;
    slot.name = symbol->name;
    slot.symbol = symbol;
    slot.dtype = symbol->dtype ? symbol->dtype->str() : "int32";
    variables.push_back(slot);
  }
  storage.insert(storage.end(), scalars.begin(), scalars.end());
  storage.insert(storage.end(), variables.begin(), variables.end());
  return storage;
}

std::vector<Bindings> runConfigurations(std::string_view source) {
  std::vector<Bindings> configurations;
  size_t position = 0;
  while (position < source.size()) {
    size_t end = source.find('\n', position);
    if (end == std::string_view::npos) end = source.size();
    std::string_view line = source.substr(position, end - position);
    position = end + 1;
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos || !line.substr(start).starts_with("# run:")) continue;
    std::string_view rest = line.substr(start + 6);
    Bindings bindings;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      size_t equals = item.find('=');
      auto trim = [](std::string_view s) {
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
          s.remove_prefix(1);
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
          s.remove_suffix(1);
        return s;
      };
      if (trim(item).empty()) continue;
      if (equals == std::string_view::npos)
        throw std::runtime_error("malformed run line: " + std::string(line));
      std::string name(trim(item.substr(0, equals)));
      std::string value(trim(item.substr(equals + 1)));
      size_t used = 0;
      int64_t number = std::stoll(value, &used);
      if (name.empty() || used != value.size())
        throw std::runtime_error("malformed run line: " + std::string(line));
      bindings[name] = number;
    }
    configurations.push_back(std::move(bindings));
  }
  if (configurations.empty()) configurations.emplace_back();
  return configurations;
}

} // namespace tvmscript::reference
