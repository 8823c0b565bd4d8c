# Two GELU variants: exact (T.erf) and tanh approximation (T.tanh), float32, 2-D.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def gelu_exact(A: T.Buffer((128, 3072), "float32"), B: T.Buffer((128, 3072), "float32")):
        T.func_attr({"tir.noalias": True})
        for i, j in T.grid(128, 3072):
            with T.block("gelu"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                B[vi, vj] = (
                    A[vi, vj]
                    * T.float32(0.5)
                    * (T.float32(1) + T.erf(A[vi, vj] * T.float32(0.70710678118654757)))
                )

    @T.prim_func
    def gelu_tanh(A: T.Buffer((128, 3072), "float32"), B: T.Buffer((128, 3072), "float32")):
        T.func_attr({"tir.noalias": True})
        for i, j in T.grid(128, 3072):
            with T.block("gelu_tanh"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                x: T.float32 = A[vi, vj]
                inner: T.float32 = T.float32(0.79788456) * (x + T.float32(0.044715) * x * x * x)
                B[vi, vj] = T.float32(0.5) * x * (T.float32(1) + T.tanh(inner))
