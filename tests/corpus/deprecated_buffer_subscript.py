# Old-style T.Buffer[(shape), dtype] parameter annotations (deprecated but still accepted).
from tvm.script import tir as T


@T.prim_func
def transpose_add(
    A: T.Buffer[(16, 16), "float32"],
    B: T.Buffer[(16, 16), "float32"],
    C: T.Buffer[(16, 16), "float32"],
) -> None:
    for i, j in T.grid(16, 16):
        with T.block("C"):
            vi, vj = T.axis.remap("SS", [i, j])
            C[vi, vj] = A[vi, vj] + B[vj, vi]


@T.prim_func
def row_sum(A: T.Buffer[(16, 16), "float32"], S: T.Buffer[16, "float32"]) -> None:
    for i, k in T.grid(16, 16):
        with T.block("S"):
            vi, vk = T.axis.remap("SR", [i, k])
            with T.init():
                S[vi] = 0.0
            S[vi] = S[vi] + A[vi, vk]
