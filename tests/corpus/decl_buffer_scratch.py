# Flat 2-D prefix-sum kernel using T.decl_buffer scratch storage and an aliasing view via data=.
from tvm.script import tir as T


@T.prim_func
def prefix_sum_2d(A: T.Buffer((64, 64), "int32"), B: T.Buffer((64, 64), "int32")):
    T.func_attr({"global_symbol": "prefix_sum_2d", "tir.noalias": True})
    row_total = T.decl_buffer((64,), "int32")
    flat_out = T.decl_buffer((4096,), "int32", data=B.data)
    for r in range(64):
        row_total[r] = 0
        for c in range(64):
            row_total[r] = row_total[r] + A[r, c]
            flat_out[r * 64 + c] = row_total[r]
    for r in range(1, 64):
        row_total[r] = row_total[r] + row_total[r - 1]
    for r in range(1, 64):
        for c in range(64):
            B[r, c] = B[r, c] + row_total[r - 1]
    for c in T.vectorized(64):
        flat_out[4032 + c] = T.max(flat_out[4032 + c], 0)
