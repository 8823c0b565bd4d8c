// The script model: dialect aliases from every import form, functions and buffers, and the
// definition/use index.
#include "Analyze.h"
#include "Document.h"

#include <gtest/gtest.h>

namespace tvmscript {
namespace {

std::shared_ptr<const ScriptModel> modelOf(const std::string &text) { return Document(text).buildModel(); }

const char *kBody = R"(
    def f(A: T.Buffer((4,), "float32")):
        for i in T.serial(4):
            A[i] = T.float32(0)
)";

struct AliasCase {
  const char *imports;
  const char *decorator;
};

class Alias : public testing::TestWithParam<AliasCase> {};

TEST_P(Alias, ResolvesTheTirDialect) {
  std::string text = std::string(GetParam().imports) + "\n" + GetParam().decorator + kBody;
  auto model = modelOf(text);
  ASSERT_EQ(model->functions().size(), 1u) << text;
  const Function &function = *model->functions()[0];
  EXPECT_EQ(function.dialect, Dialect::TIR);
  ASSERT_EQ(function.params.size(), 1u);
  EXPECT_EQ(function.params[0].kind, ParamKind::Buffer);
  EXPECT_TRUE(analyze(*model).empty()) << text;
}

INSTANTIATE_TEST_SUITE_P(
    ImportForms, Alias,
    testing::Values(AliasCase{"from tvm.script import tir as T\nclass _:", "  @T.prim_func"},
                    AliasCase{"from tvm.script import tirx as T\nclass _:", "  @T.prim_func"},
                    AliasCase{"import tvm.script.tir as T\nclass _:", "  @T.prim_func"},
                    AliasCase{"from tvm.script.parser import tir as T\nclass _:", "  @T.prim_func"},
                    AliasCase{"import tvm\nfrom tvm.script import tir as T\nclass _:",
                              "  @tvm.script.tir.prim_func"},
                    AliasCase{"from tvm.script.tir import prim_func\nfrom tvm.script import tir as T\nclass _:",
                              "  @prim_func"},
                    AliasCase{"from tvm.script import tir as Tensor_IR\nT = Tensor_IR\nclass _:",
                              "  @Tensor_IR.prim_func"}),
    [](const testing::TestParamInfo<AliasCase> &info) { return "form" + std::to_string(info.index); });

TEST(Model, CustomAliasResolvesBuiltins) {
  auto model = modelOf(R"(from tvm.script import tir as tx
@tx.prim_func
def f(A: tx.Buffer((4,), "float32")):
    for i in tx.grid(4):
        A[i] = tx.exp(A[i])
    tx.evaluate(tx.grd(1))
)");
  auto diagnostics = analyze(*model);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "unknown-builtin");
  EXPECT_NE(diagnostics[0].message.find("'tx' has no builtin 'grd'; did you mean 'grid'?"), std::string::npos);
}

TEST(Model, NotADialect) {
  // `tvm.tir` is TVM's Python API, not the script dialect: nothing here is TVMScript.
  auto model = modelOf("from tvm import tir as T\n@T.prim_func\ndef f(x):\n    return undefined_thing\n");
  EXPECT_FALSE(model->hasScript());
  EXPECT_TRUE(analyze(*model).empty());
}

TEST(Model, PlainPythonHasNoDiagnostics) {
  auto model = modelOf("import numpy as np\n\ndef f(:\n    return y\n");
  EXPECT_FALSE(model->hasScript());
  EXPECT_TRUE(analyze(*model).empty());
}

TEST(Model, ModuleFunctionsAndBuffers) {
  auto model = modelOf(R"(import tvm
from tvm.script import ir as I
from tvm.script import tirx as T
from tvm.script import relax as R

@tvm.script.ir_module
class Mod:
    @T.prim_func(private=True)
    def scale(a: T.handle, b: T.handle):
        n = T.int64()
        A = T.match_buffer(a, (n,), "float16")
        B = T.match_buffer(b, (n,), "float16")
        with T.sblock("root"):
            C = T.alloc_buffer((n,), "float16")

    @R.function
    def main(x: R.Tensor(("n",), "float16")):
        n = T.int64()
        cls = Mod
        y = R.call_tir(cls.scale, (x,), out_sinfo=R.Tensor((n,), "float16"))
        return y
)");
  ASSERT_EQ(model->modules().size(), 1u);
  const Module &module = *model->modules()[0];
  EXPECT_EQ(module.name, "Mod");
  ASSERT_EQ(module.functions.size(), 2u);
  const Function &scale = *module.functions[0];
  EXPECT_TRUE(scale.isPrivate);
  EXPECT_EQ(scale.module, &module);
  ASSERT_EQ(scale.buffers.size(), 3u);
  EXPECT_EQ(scale.buffers[0]->origin, BufferOrigin::MatchBuffer);
  EXPECT_EQ(scale.buffers[0]->dtypeName, "float16");
  EXPECT_EQ(scale.params[0].buffer, scale.buffers[0]) << "match_buffer binds its handle param";
  EXPECT_EQ(scale.buffers[2]->origin, BufferOrigin::AllocBuffer);
  EXPECT_EQ(module.functions[1]->dialect, Dialect::Relax);
  EXPECT_TRUE(model->usesTirx());
  EXPECT_TRUE(analyze(*model).empty());
}

TEST(Model, ReferencesLinkUsesToDefinitions) {
  std::string text = R"(from tvm.script import ir as I
from tvm.script import tir as T
from tvm.script import relax as R

@I.ir_module
class Mod:
    @T.prim_func
    def add(A: T.Buffer((8,), "float32")):
        for i in range(8):
            A[i] = A[i] + T.float32(1)

    @R.function
    def main(x: R.Tensor((8,), "float32")):
        cls = Mod
        return R.call_tir(cls.add, (x,), out_sinfo=R.Tensor((8,), "float32"))
)";
  auto model = modelOf(text);
  auto symbolAt = [&](const std::string &needle, size_t skip = 0) -> const SymbolReference * {
    size_t at = text.find(needle);
    for (size_t i = 0; i < skip; ++i) at = text.find(needle, at + 1);
    return model->referenceAt(static_cast<uint32_t>(at));
  };
  const SymbolReference *use = symbolAt("A[i] +");
  ASSERT_NE(use, nullptr);
  EXPECT_FALSE(use->isDefinition);
  EXPECT_EQ(use->symbol->kind, SymbolKind::Buffer);
  EXPECT_EQ(use->symbol->definition.begin, text.find("A: T.Buffer"));
  const SymbolReference *callee = symbolAt("add, (x,)");
  ASSERT_NE(callee, nullptr);
  EXPECT_EQ(callee->symbol->kind, SymbolKind::PrimFunc);
  EXPECT_EQ(callee->symbol->definition.begin, text.find("add(A"));
  const SymbolReference *loop = symbolAt("i] +");
  ASSERT_NE(loop, nullptr);
  EXPECT_EQ(loop->symbol->kind, SymbolKind::LoopVar);
}

TEST(Model, BlocksAreTyped) {
  auto model = modelOf(R"(from tvm.script import tir as T
@T.prim_func
def rowsum(X: T.Buffer((64, 32), "float32"), S: T.Buffer((64,), "float32")):
    for r, k in T.grid(64, 32):
        with T.block("rowsum"):
            vr = T.axis.spatial(64, r)
            vk = T.axis.reduce(32, k)
            T.reads(X[vr, vk])
            T.writes([S[vr]])
            T.where(r < 60)
            T.block_attr({"hint": 4})
            with T.init():
                S[vr] = T.float32(0)
            S[vr] = S[vr] + X[vr, vk]
    for i, j in T.grid(64, 32):
        with T.block("copy"):
            vi, vj = T.axis.remap("SR", [i, j])
            T.evaluate(0)
)");
  const Function &function = *model->functions()[0];
  const Stmt &loop = *function.body[0];
  EXPECT_EQ(loop.kind, StmtKind::For);
  EXPECT_EQ(loop.loop, LoopKind::Grid);
  EXPECT_EQ(loop.targets.size(), 2u);
  const Stmt &with = *loop.body[0];
  ASSERT_NE(with.block, nullptr);
  const BlockInfo &block = *with.block;
  EXPECT_EQ(block.name, "rowsum");
  ASSERT_EQ(block.axes.size(), 2u);
  EXPECT_EQ(block.axes[0].kind, AxisKind::Spatial);
  EXPECT_EQ(block.axes[1].kind, AxisKind::Reduce);
  EXPECT_EQ(block.axes[1].symbol->name, "vk");
  EXPECT_EQ(block.axes[1].binding->text, "k");
  EXPECT_EQ(block.reads.size(), 1u);
  EXPECT_EQ(block.writes.size(), 1u);
  EXPECT_NE(block.where, nullptr);
  EXPECT_NE(block.attrs, nullptr);
  ASSERT_EQ(block.init.size(), 1u);
  EXPECT_EQ(block.init[0]->kind, StmtKind::BufferStore);

  const BlockInfo &remap = *function.body[1]->body[0]->block;
  ASSERT_EQ(remap.axes.size(), 2u);
  EXPECT_EQ(remap.axes[0].symbol->kind, SymbolKind::BlockVar);
  EXPECT_EQ(remap.axes[1].kind, AxisKind::Reduce);
  EXPECT_EQ(remap.axes[1].binding->text, "j");
}

TEST(Model, TirScopesEndWithTheirBlock) {
  auto model = modelOf(R"(from tvm.script import tir as T
@T.prim_func
def f(A: T.Buffer((4,), "int32")):
    for i in range(4):
        A[i] = 0
    A[0] = i
)");
  auto diagnostics = analyze(*model);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "undefined-name");
}

TEST(Model, SyntaxErrorsDoNotCascade) {
  auto model = modelOf(R"(from tvm.script import tir as T
@T.prim_func
def f(A: T.Buffer((4,), "int32")):
    for i in range(4)
        A[i] = 0
)");
  auto diagnostics = analyze(*model);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "syntax-error");
}

TEST(Model, AMissingNewLineIsASyntaxError) {
  // Tree-sitter reads `vi = ...)dtype=` and the next line as `vi = ...`, a missing (hidden)
  // new-line token and `dtype = A[vi] = ...`: no ERROR node and no visible MISSING one. (Code
  // generation once met the block axis this leaves without a binding.)
  std::string text = R"(from tvm.script import tir as T

@T.prim_func
def f(A: T.Buffer((4,), "float32")):
    for i in range(4):
        with T.block("b"):
            vi = T.axis.spatial(4, i)dtype=
            A[vi] = T.float32(0)
)";
  auto model = modelOf(text);
  auto diagnostics = analyze(*model);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "syntax-error");
  EXPECT_EQ(diagnostics[0].message, "expected a new line between two statements");
  EXPECT_EQ(diagnostics[0].range.begin, text.find("dtype="));
}

} // namespace
} // namespace tvmscript
