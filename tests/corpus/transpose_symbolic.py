# Symbolic-shape transpose and row broadcast: T.handle params, n/m = T.int64() and T.match_buffer.
from tvm.script import tir as T


@T.prim_func
def transpose(a: T.handle, b: T.handle):
    T.func_attr({"tir.noalias": True})
    n = T.int64()
    m = T.int64()
    A = T.match_buffer(a, (n, m), "float32")
    B = T.match_buffer(b, (m, n), "float32")
    for i, j in T.grid(m, n):
        with T.block("T_transpose"):
            v_i, v_j = T.axis.remap("SS", [i, j])
            T.reads(A[v_j, v_i])
            T.writes(B[v_i, v_j])
            B[v_i, v_j] = A[v_j, v_i]


@T.prim_func
def broadcast_rows(a: T.handle, b: T.handle):
    T.func_attr({"tir.noalias": True})
    n = T.int64()
    A = T.match_buffer(a, (n,), "float32")
    B = T.match_buffer(b, (T.int64(4), n), "float32")
    for i, j in T.grid(T.int64(4), n):
        with T.block("T_broadcast_to"):
            v_i, v_j = T.axis.remap("SS", [i, j])
            T.reads(A[v_j])
            T.writes(B[v_i, v_j])
            B[v_i, v_j] = A[v_j]
