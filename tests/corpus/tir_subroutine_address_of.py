# TIR subroutine calls with element pointers T.address_of(A[i, 0]) and a public callee with calling_conv.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def main(A: T.Buffer((32, 256), "float32"), B: T.Buffer((32, 256), "float32")):
        T.func_attr({"global_symbol": "main", "tir.noalias": True})
        for i in range(32):
            Module.normalize_row(T.address_of(A[i, 0]), T.address_of(B[i, 0]))
        Module.clear_tail(T.address_of(B[31, 128]))

    @T.prim_func(private=True)
    def normalize_row(src: T.handle("float32"), dst: T.handle("float32")):
        X = T.decl_buffer((256,), "float32", data=src)
        Y = T.decl_buffer((256,), "float32", data=dst)
        norm = T.decl_buffer((1,), "float32")
        norm[0] = T.float32(0)
        for k in range(256):
            norm[0] = norm[0] + X[k] * X[k]
        for k in range(256):
            Y[k] = X[k] / T.sqrt(norm[0] + T.float32(1e-12))

    @T.prim_func
    def clear_tail(p: T.handle("float32")):
        T.func_attr({"global_symbol": "clear_tail", "calling_conv": -1})
        Tail = T.decl_buffer((128,), "float32", data=p)
        for k in T.vectorized(128):
            Tail[k] = T.float32(0)
