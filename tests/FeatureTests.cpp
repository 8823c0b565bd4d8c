// The language features at marked positions, in process: definition for every callee spelling
// and name kind, references across call forms, hover, completion and signature help.
#include "Annotations.h"
#include "Completion.h"
#include "Document.h"
#include "Hover.h"
#include "SignatureHelp.h"
#include "XRefs.h"

#include <gtest/gtest.h>

namespace tvmscript {
namespace {

const char *kModule = R"(from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tir as T

@I.ir_module
class Mod:
    @T.prim_func(private=True)
    def $def[[add_one]](a: T.handle, b: T.handle):
        $n[[n]] = T.int64()
        $A[[A]] = T.match_buffer(a, (n,), "float32")
        B = T.match_buffer(b, (n,), "float32")
        for i in range(n):
            with T.block("add"):
                $vi[[vi]] = T.axis.spatial(n, i)
                B[$useVi^vi] = $useA^A[vi] + T.float32(1)

    @T.prim_func
    def main(X: T.Buffer((8,), "float32"), Y: T.Buffer((8,), "float32")):
        T.call_tir(Mod.$attr[[add_one]], X, Y)
        T.call_tir($bare[[add_one]], X, Y)
        T.call_tir($string[["add_one"]], X, Y)

    @R.function
    def entry(x: R.Tensor(($m[["m"]],), "float32")):
        cls = Mod
        m = T.int64()
        y = R.call_tir(cls.$cls[[add_one]], (x,), out_sinfo=R.Tensor(($useM^m,), "float32"))
        return y
)";

struct Fixture {
  Annotations annotations{kModule};
  Document document{annotations.code()};
  std::shared_ptr<const ScriptModel> model = document.buildModel();
};

TEST(Features, DefinitionOfEveryCalleeSpelling) {
  Fixture f;
  for (const char *use : {"attr", "bare", "string", "cls"}) {
    auto ranges = locateDefinition(*f.model, f.annotations.range(use).begin + 1);
    ASSERT_EQ(ranges.size(), 1u) << use;
    EXPECT_EQ(ranges[0], f.annotations.range("def")) << use;
  }
}

TEST(Features, DefinitionOfNames) {
  Fixture f;
  EXPECT_EQ(locateDefinition(*f.model, f.annotations.point("useA")), std::vector<Range>{f.annotations.range("A")});
  EXPECT_EQ(locateDefinition(*f.model, f.annotations.point("useVi")), std::vector<Range>{f.annotations.range("vi")});
  // A Relax shape variable is defined by the string in the signature; the prelude names it again.
  Range m = f.annotations.range("m");
  EXPECT_EQ(locateDefinition(*f.model, f.annotations.point("useM")), (std::vector<Range>{{m.begin + 1, m.end - 1}}));
}

TEST(Features, ReferencesOfAPrimFuncCoverEveryCallForm) {
  Fixture f;
  auto references = findReferences(*f.model, f.annotations.range("def").begin, /*includeDeclaration=*/true);
  std::vector<Range> expected = {f.annotations.range("def"), f.annotations.range("attr"),
                                 f.annotations.range("bare"), f.annotations.range("string"),
                                 f.annotations.range("cls")};
  EXPECT_EQ(references, expected);
  auto uses = findReferences(*f.model, f.annotations.range("def").begin, /*includeDeclaration=*/false);
  EXPECT_EQ(uses.size(), 4u);
}

TEST(Features, HoverShowsCalleeSignatureAndBuffers) {
  Fixture f;
  auto callee = hoverAt(*f.model, f.annotations.range("attr").begin);
  ASSERT_TRUE(callee);
  EXPECT_EQ(callee->kind, "PrimFunc");
  EXPECT_EQ(callee->definition, "def add_one(a: T.handle, b: T.handle)");
  EXPECT_EQ(callee->detail, "in module `Mod`, private");
  auto buffer = hoverAt(*f.model, f.annotations.point("useA"));
  ASSERT_TRUE(buffer);
  EXPECT_EQ(buffer->definition, "A = T.match_buffer(a, (n,), \"float32\")");
  auto shape = hoverAt(*f.model, f.annotations.point("useM"));
  ASSERT_TRUE(shape);
  EXPECT_EQ(shape->kind, "shape variable");
  EXPECT_EQ(shape->detail, "bound by the shape of parameter `x`");
  EXPECT_EQ(renderMarkdown(*shape), "shape variable `m`\n```python\nm: int64\n```\nbound by the shape of parameter `x`");
}

TEST(Features, CompletionOfCalleesAndBuiltins) {
  Annotations a(R"(from tvm.script import ir as I
from tvm.script import tir as T

@I.ir_module
class Mod:
    @T.prim_func
    def f(A: T.Buffer((4,), "float32")):
        T.call_tir(Mod.$member^
        T.call_tir($first^
        vi = T.axis.$axis^
)");
  Document document(a.code());
  auto model = document.buildModel();
  auto labels = [&](uint32_t offset) {
    std::vector<std::string> result;
    for (const CompletionItem &item : completeAt(*model, offset)) result.push_back(item.label + "=" + item.insertText);
    return result;
  };
  EXPECT_EQ(labels(a.point("member")), std::vector<std::string>{"f=f"});
  EXPECT_EQ(labels(a.point("first")), std::vector<std::string>{"f=Mod.f"});
  auto axis = labels(a.point("axis"));
  EXPECT_NE(std::find(axis.begin(), axis.end(), "remap=remap"), axis.end());
  EXPECT_NE(std::find(axis.begin(), axis.end(), "spatial=spatial"), axis.end());
}

TEST(Features, SignatureHelpFollowsDestinationPassing) {
  Annotations a(R"(from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tir as T

@I.ir_module
class Mod:
    @T.prim_func(private=True)
    def add(A: T.Buffer((8,), "float32"), B: T.Buffer((8,), "float32"), C: T.Buffer((8,), "float32")):
        T.evaluate(0)

    @T.prim_func
    def main(X: T.Buffer((8,), "float32")):
        T.call_tir(Mod.add, X, $tir^X, X)

    @R.function
    def entry(x: R.Tensor((8,), "float32")):
        cls = Mod
        return R.call_tir(cls.add, ($in^x, x), out_sinfo=R.Tensor($out^(8,), "float32"))
)");
  Document document(a.code());
  auto model = document.buildModel();
  auto tir = signatureHelpAt(*model, a.point("tir"));
  ASSERT_TRUE(tir);
  EXPECT_EQ(tir->activeParameter, 1u);
  EXPECT_EQ(tir->label.substr(tir->parameters[1].first, tir->parameters[1].second - tir->parameters[1].first),
            "B: T.Buffer((8,), \"float32\")");
  EXPECT_EQ(signatureHelpAt(*model, a.point("in"))->activeParameter, 0u);
  EXPECT_EQ(signatureHelpAt(*model, a.point("out"))->activeParameter, 2u); // the output C
}

} // namespace
} // namespace tvmscript
