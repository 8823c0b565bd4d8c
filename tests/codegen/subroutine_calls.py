# TIR subroutine calls Module.f(A.data, ...): callees take T.handle("float32") pointers (viewed with
# T.decl_buffer) and scalars; one call passes the address of a row with T.address_of.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def main(A: T.Buffer((8, 16), "float32"), B: T.Buffer((8,), "float32")):
        T.func_attr({"global_symbol": "main", "tir.noalias": True})
        Module.scale(A.data, T.float32(0.5), 128)
        for r in range(8):
            Module.row_sum(T.address_of(A[r, 0]), B.data, r)

    @T.prim_func(private=True)
    def scale(ptr: T.handle("float32"), factor: T.float32, count: T.int32):
        V = T.decl_buffer((128,), "float32", data=ptr)
        for i in range(count):
            V[i] = V[i] * factor

    @T.prim_func(private=True)
    def row_sum(row_ptr: T.handle("float32"), out_ptr: T.handle("float32"), r: T.int32):
        Row = T.decl_buffer((16,), "float32", data=row_ptr)
        Out = T.decl_buffer((8,), "float32", data=out_ptr)
        Out[r] = T.float32(0)
        for c in range(16):
            Out[r] = Out[r] + Row[c]
