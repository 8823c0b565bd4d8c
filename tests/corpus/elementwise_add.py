# Standalone elementwise add of two 1024-element float32 vectors (classic tir, blocks) plus a broadcast add.
from tvm.script import tir as T


@T.prim_func
def add(
    A: T.Buffer((1024,), "float32"),
    B: T.Buffer((1024,), "float32"),
    C: T.Buffer((1024,), "float32"),
):
    T.func_attr({"global_symbol": "add", "tir.noalias": True})
    for i in range(1024):
        with T.block("C"):
            vi = T.axis.remap("S", [i])
            T.reads(A[vi], B[vi])
            T.writes(C[vi])
            C[vi] = A[vi] + B[vi]


@T.prim_func
def add_broadcast(
    A: T.Buffer((8, 1024), "float32"),
    bias: T.Buffer((1024,), "float32"),
    C: T.Buffer((8, 1024), "float32"),
):
    T.func_attr({"global_symbol": "add_broadcast", "tir.noalias": True})
    for i, j in T.grid(8, 1024):
        with T.block("C"):
            vi, vj = T.axis.remap("SS", [i, j])
            T.reads(A[vi, vj], bias[vj])
            T.writes(C[vi, vj])
            C[vi, vj] = A[vi, vj] + bias[vj]
