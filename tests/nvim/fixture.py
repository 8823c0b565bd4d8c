# Opened by lsp_test.lua: main passes a wrongly shaped region to add_one.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Mod:
    @T.prim_func
    def main(A: T.Buffer((8,), "int8")):
        T.call_tir(Mod.add_one, A[0:2])

    @T.prim_func(private=True)
    def add_one(X: T.Buffer((1,), "int8")):
        X[0] = X[0] + T.int8(1)
