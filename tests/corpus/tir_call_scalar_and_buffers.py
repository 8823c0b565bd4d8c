# TIR-level T.call_tir passing whole buffers, leading-row regions and a scalar bound to a match_buffer dim.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func(private=True)
    def scaled_copy(a: T.handle, b: T.handle, rows: T.int32, factor: T.float32):
        A = T.match_buffer(a, (rows, 128), "float32")
        B = T.match_buffer(b, (rows, 128), "float32")
        for i, j in T.grid(rows, 128):
            with T.block("copy"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                B[vi, vj] = A[vi, vj] * factor

    @T.prim_func(private=True)
    def square(X: T.Buffer((64, 128), "float32"), Y: T.Buffer((64, 128), "float32")):
        for i, j in T.grid(64, 128):
            with T.block("square"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(X[vi, vj])
                T.writes(Y[vi, vj])
                Y[vi, vj] = X[vi, vj] * X[vi, vj]

    @T.prim_func
    def main(
        A: T.Buffer((64, 128), "float32"),
        Tmp: T.Buffer((64, 128), "float32"),
        B: T.Buffer((64, 128), "float32"),
    ):
        T.func_attr({"tir.noalias": True})
        T.call_tir(Module.square, A, Tmp)
        T.call_tir(Module.scaled_copy, Tmp[0:32, 0:128], B[0:32, 0:128], 32, T.float32(0.5))
        T.call_tir(Module.scaled_copy, Tmp[32:64, :], B[32:64, :], 32, T.float32(2))
