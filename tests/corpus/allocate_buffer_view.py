# Lowered-style code: T.allocate returns a pointer, T.Buffer(..., data=ptr) gives a typed view.
from tvm.script import tir as T


@T.prim_func
def box_blur_rows(A: T.Buffer((64, 256), "float32"), B: T.Buffer((64, 256), "float32")):
    T.func_attr({"global_symbol": "box_blur_rows", "tir.noalias": True})
    row_ptr = T.allocate([258], "float32", "global")
    row = T.Buffer((258,), "float32", data=row_ptr)
    col_ptr = T.allocate([64], "float32", "global")
    col_mean = T.Buffer((64,), data=col_ptr)
    for i in range(64):
        row[0] = T.float32(0)
        row[257] = T.float32(0)
        for j in range(256):
            row[j + 1] = A[i, j]
        col_mean[i] = T.float32(0)
        for j in range(256):
            B[i, j] = (row[j] + row[j + 1] + row[j + 2]) * T.float32(0.33333334)
            col_mean[i] = col_mean[i] + B[i, j]
    for i in range(64):
        for j in range(256):
            B[i, j] = B[i, j] - col_mean[i] * T.float32(0.00390625)
