// One pass from the tree-sitter CST to the ScriptModel: resolves imports, dialect builtins and
// names through TVMScript's scopes, records every definition and use, and reports the model-level
// diagnostics (syntax-error, undefined-name, unknown-builtin, duplicate-definition).
#pragma once

#include "ScriptModel.h"

#include <memory>
#include <string>
#include <string_view>
#include <tree_sitter/api.h>
#include <set>
#include <unordered_map>
#include <vector>

namespace tvmscript {

class ModelBuilder {
public:
  ModelBuilder(std::shared_ptr<const SourceText> source, TSNode root);
  /// Builds the whole file.
  std::unique_ptr<ScriptModel> build();

  /// Rebuilds `function` of `model` in place from `definition`, its node in the tree rooted at
  /// `root`, after edits confined to its parameters and body that ended at old offset `editEnd`
  /// and moved the text after them by `delta`. The caller has installed the new text.
  /// Everything outside the function is reused: its environment, the other functions, their
  /// findings.
  static void rebuildFunction(ScriptModel &model, TSNode root, TSNode definition, Function *function,
                              uint32_t editEnd, int64_t delta);

private:
  /// TIR scopes follow TVM's VarTable frames (function, each loop/with body, each if branch);
  /// Python scopes hold every name a Python scope binds anywhere in its body.
  using Scope = NameScope;
  ModelBuilder(ScriptModel &model, TSNode root);
  /// What the code being built is, which decides how names bind and what gets checked.
  enum class Context { Python, TIR, Relax };

  // Syntax errors.
  void reportSyntaxErrors(TSNode node);
  std::vector<Range> scanBrackets(Range region);
  bool pairedWithoutError(uint32_t offset) const;
  void addSyntaxError(Range range, std::string message);
  bool followsFromBracket(Range range) const;
  void describeErrorRegion(Range region);
  void dropNameCascades();

  // Python-level scopes and TVMScript discovery.
  void collectPythonBindings(TSNode block, Scope &scope);
  void bindImport(TSNode node, Scope &scope);
  void bindPattern(TSNode pattern, Scope &scope);
  void findDefinitions(TSNode block);
  void findInDefinition(TSNode definition);
  const Builtin *decoratorBuiltin(TSNode decorated);
  void recoverMissingDialectImport(Expr *decorator);
  void buildModule(TSNode decorated, TSNode classNode);
  Function *declareFunction(TSNode decorated, TSNode definition, Dialect dialect, Module *module);
  void buildFunction(Function *function, TSNode definition);

  // TVMScript bodies.
  void buildParams(Function *function, TSNode parameters);
  Buffer *newBuffer(BufferOrigin origin, Expr *declaration, Symbol *symbol, Function *function);
  void fillBufferFromCall(Buffer *buffer, Expr *call, size_t shapeIndex);
  std::vector<Stmt *> buildBlock(TSNode block, bool pushScope);
  void buildStatement(TSNode node, std::vector<Stmt *> &out);
  Stmt *buildAssignment(TSNode node, Range statement);
  void bindAssignmentTargets(Stmt *stmt);
  Stmt *buildFor(TSNode node);
  Stmt *buildIf(TSNode node, bool isElif);
  Stmt *buildWith(TSNode node);
  std::unique_ptr<BlockInfo> describeBlock(const Stmt &with);

  // Expressions.
  Expr *buildExpr(TSNode node);
  Expr *newExpr(ExprKind kind, TSNode node);
  void buildCallArguments(Expr *call, TSNode arguments);
  void buildComprehension(Expr *expr, TSNode node);
  void resolveName(Expr *name);
  void resolveAttribute(Expr *attribute);
  void defineShapeStrings(Expr *expr);
  void defineUnresolvedShapeNames(Expr *shape);

  // Names.
  Symbol *newSymbol(SymbolKind kind, std::string name, Range definition);
  Symbol *lookup(std::string_view name) const;
  Symbol *define(SymbolKind kind, Expr *nameExpr);
  void reference(Range range, Symbol *symbol, bool isDefinition);
  void diagnose(std::string code, Range range, std::string message);

  std::string_view text(TSNode node) const;
  Range rangeOf(TSNode node) const;

  Scope &newPythonScope();

  /// Counts recursion into nested nodes for as long as it is alive.
  struct DepthGuard {
    int &depth;
    explicit DepthGuard(int &d) : depth(++d) {}
    ~DepthGuard() { --depth; }
  };
  static constexpr int kMaxDepth = 400;
  static constexpr size_t kMaxSyntaxErrors = 100;

  std::shared_ptr<const SourceText> Source;
  TSNode Root;
  int Depth = 0;
  bool ReportedDepth = false;
  std::set<uint32_t> SyntaxErrorLines;
  std::unique_ptr<ScriptModel> Owned; // set for a full build
  ScriptModel *Model;

  std::vector<Scope *> Scopes;        // innermost last
  std::deque<Scope> LocalScopes;      // TVMScript frames (only needed while building)
  Context Mode = Context::Python;
  Function *Current = nullptr;
  ResolutionSettings &Settings;
  bool ImportsDialect = false;
  /// Ranges whose tree-sitter errors follow from a bracket scanBrackets already reported.
  std::vector<Range> BracketConsequences;
  /// While building signature buffer shapes: unknown names define shape variables.
  bool DefineShapeNames = false;
  /// While building Relax signature annotations: unresolved names wait for the whole signature.
  std::vector<Expr *> *DeferredNames = nullptr;
};

} // namespace tvmscript
