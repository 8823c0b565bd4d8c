# Batched matmul: float16 inputs, float32 accumulation, explicit T.axis.spatial/reduce bindings.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def batch_matmul(
        A: T.Buffer((T.int64(8), T.int64(64), T.int64(32)), "float16"),
        B: T.Buffer((T.int64(8), T.int64(32), T.int64(96)), "float16"),
        C: T.Buffer((T.int64(8), T.int64(64), T.int64(96)), "float32"),
    ):
        T.func_attr({"tir.noalias": True})
        for b, i, j, k in T.grid(T.int64(8), T.int64(64), T.int64(96), T.int64(32)):
            with T.block("batch_matmul"):
                vb = T.axis.spatial(T.int64(8), b)
                vi = T.axis.spatial(T.int64(64), i)
                vj = T.axis.spatial(T.int64(96), j)
                vk = T.axis.reduce(T.int64(32), k)
                T.reads(A[vb, vi, vk], B[vb, vk, vj])
                T.writes(C[vb, vi, vj])
                with T.init():
                    C[vb, vi, vj] = T.float32(0)
                C[vb, vi, vj] = C[vb, vi, vj] + T.Cast("float32", A[vb, vi, vk]) * T.Cast(
                    "float32", B[vb, vk, vj]
                )
