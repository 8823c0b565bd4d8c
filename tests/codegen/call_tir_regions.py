# T.call_tir between PrimFuncs of one module: a whole buffer, row regions A[i, 0:16] (leading unit
# dimension dropped), and a scalar argument.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def main(A: T.Buffer((4, 16), "float32"), B: T.Buffer((4, 16), "float32"), Total: T.Buffer((4,), "float32")):
        T.func_attr({"global_symbol": "main", "tir.noalias": True})
        T.call_tir(Module.copy_all, A, B)
        for i in range(4):
            T.call_tir(Module.scale_row, B[i, 0:16], i + 1)
            T.call_tir(Module.row_total, B[i, 0:16], Total[i : i + 1])

    @T.prim_func(private=True)
    def copy_all(X: T.Buffer((4, 16), "float32"), Y: T.Buffer((4, 16), "float32")):
        for i, j in T.grid(4, 16):
            Y[i, j] = X[i, j]

    @T.prim_func(private=True)
    def scale_row(X: T.Buffer((16,), "float32"), factor: T.int32):
        for j in range(16):
            X[j] = X[j] * T.Cast("float32", factor)

    @T.prim_func(private=True)
    def row_total(X: T.Buffer((16,), "float32"), Out: T.Buffer((1,), "float32")):
        Out[0] = T.float32(0)
        for j in range(16):
            Out[0] = Out[0] + X[j]
