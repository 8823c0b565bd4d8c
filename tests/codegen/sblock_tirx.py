# The 2026 spelling: tirx dialect, T.sblock blocks and T.sblock_attr, for a bias-add + relu and a
# reduction with T.init.
from tvm.script import ir as I
from tvm.script import tirx as T


@I.ir_module
class Module:
    @T.prim_func(s_tir=True)
    def bias_relu(A: T.Buffer((6, 20), "float32"), Bias: T.Buffer((20,), "float32"), B: T.Buffer((6, 20), "float32")):
        T.func_attr({"global_symbol": "bias_relu", "tir.noalias": True})
        for i, j in T.grid(6, 20):
            with T.sblock("bias_relu"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj], Bias[vj])
                T.writes(B[vi, vj])
                T.sblock_attr({"schedule_rule": "none"})
                B[vi, vj] = T.max(A[vi, vj] + Bias[vj], T.float32(0))

    @T.prim_func(s_tir=True)
    def column_sum(A: T.Buffer((6, 20), "float32"), S: T.Buffer((20,), "float32")):
        T.func_attr({"global_symbol": "column_sum", "tir.noalias": True})
        for j, i in T.grid(20, 6):
            with T.sblock("sum"):
                vj, vi = T.axis.remap("SR", [j, i])
                with T.init():
                    S[vj] = T.float32(0)
                S[vj] = S[vj] + A[vi, vj]
