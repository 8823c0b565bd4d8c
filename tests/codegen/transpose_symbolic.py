# 2-D transpose with symbolic int64 rows and columns (declared in the order the shapes use them).
# run: m=0, n=5
# run: m=1, n=1
# run: m=7, n=9
# run: m=8, n=8
# run: m=9, n=7
# run: m=1000, n=3
from tvm.script import tir as T


@T.prim_func
def transpose(a: T.handle, b: T.handle):
    T.func_attr({"global_symbol": "transpose", "tir.noalias": True})
    m = T.int64()
    n = T.int64()
    A = T.match_buffer(a, (m, n), "float32")
    B = T.match_buffer(b, (n, m), "float32")
    for i, j in T.grid(n, m):
        with T.block("T_transpose"):
            v_i, v_j = T.axis.remap("SS", [i, j])
            T.reads(A[v_j, v_i])
            T.writes(B[v_i, v_j])
            B[v_i, v_j] = A[v_j, v_i]
