# Lowered-style code: T.allocate returns a pointer, T.Buffer(..., data=ptr) gives a typed view.
from tvm.script import tir as T


@T.prim_func
def box_blur_rows(A: T.Buffer((64, 256), "float32"), B: T.Buffer((64, 256), "float32")):
    T.func_attr({"global_symbol": "box_blur_rows", "tir.noalias": True})
    row_ptr = T.allocate([258], "float32", "global")
    row = T.Buffer((258,), "float32", data=row_ptr)
    for i in range(64):
        row[0] = T.float32(0)
        row[257] = T.float32(0)
        for j in range(256):
            row[j + 1] = A[i, j]
        for j in range(256):
            B[i, j] = (row[j] + row[j + 1] + row[j + 2]) * T.float32(0.33333334)
