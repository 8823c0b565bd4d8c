# Row sums of a 16x64 matrix: a reduction block with T.init, and a column sum in float64.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def row_sum(A: T.Buffer((16, 64), "float32"), S: T.Buffer((16,), "float32")):
        T.func_attr({"global_symbol": "row_sum", "tir.noalias": True})
        for i, k in T.grid(16, 64):
            with T.block("S"):
                vi, vk = T.axis.remap("SR", [i, k])
                T.reads(A[vi, vk])
                T.writes(S[vi])
                with T.init():
                    S[vi] = T.float32(0)
                S[vi] = S[vi] + A[vi, vk]

    @T.prim_func
    def column_sum_f64(A: T.Buffer((16, 64), "float32"), S: T.Buffer((64,), "float64")):
        T.func_attr({"global_symbol": "column_sum_f64", "tir.noalias": True})
        for j, k in T.grid(64, 16):
            with T.block("S"):
                vj = T.axis.spatial(64, j)
                vk = T.axis.reduce(16, k)
                T.reads(A[vk, vj])
                T.writes(S[vj])
                with T.init():
                    S[vj] = T.float64(0)
                S[vj] = S[vj] + T.Cast("float64", A[vk, vj])
