# TIR subroutine call Mod.sub(A.data, n): callee takes a T.handle("float32") and views it with T.decl_buffer.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def main(A: T.Buffer((128, 64), "float32"), B: T.Buffer((128,), "float32")):
        T.func_attr({"global_symbol": "main"})
        Module.fill(A.data, T.float32(1))
        Module.row_sums(A.data, B.data, 128)

    @T.prim_func(private=True)
    def fill(ptr: T.handle("float32"), value: T.float32):
        V = T.decl_buffer((8192,), "float32", data=ptr)
        for i in T.parallel(8192):
            V[i] = value

    @T.prim_func(private=True)
    def row_sums(a_ptr: T.handle("float32"), out_ptr: T.handle("float32"), rows: T.int32):
        A = T.decl_buffer((128, 64), "float32", data=a_ptr)
        Out = T.decl_buffer((128,), "float32", data=out_ptr)
        for r in range(rows):
            Out[r] = T.float32(0)
            for c in range(64):
                Out[r] = Out[r] + A[r, c]
