# Axis permutation (2, 0, 1) of a 4x5x6 int8 tensor, and a transpose of its last two axes.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def permute(A: T.Buffer((4, 5, 6), "int8"), B: T.Buffer((6, 4, 5), "int8")):
        T.func_attr({"global_symbol": "permute", "tir.noalias": True})
        for i, j, k in T.grid(6, 4, 5):
            with T.block("permute"):
                vi, vj, vk = T.axis.remap("SSS", [i, j, k])
                B[vi, vj, vk] = A[vj, vk, vi]

    @T.prim_func
    def swap_last(A: T.Buffer((4, 5, 6), "int8"), B: T.Buffer((4, 6, 5), "int8")):
        T.func_attr({"global_symbol": "swap_last", "tir.noalias": True})
        for b, i, j in T.grid(4, 6, 5):
            with T.block("swap"):
                vb = T.axis.spatial(4, b)
                vi = T.axis.spatial(6, i)
                vj = T.axis.spatial(5, j)
                B[vb, vi, vj] = A[vb, vj, vi]
