# Lowered-style code: T.allocate returns a pointer and T.Buffer(..., data=ptr) views it; a second
# view reads an input through A.data with another shape.
from tvm.script import tir as T


@T.prim_func
def box_blur_rows(A: T.Buffer((16, 40), "float32"), B: T.Buffer((16, 40), "float32")):
    T.func_attr({"global_symbol": "box_blur_rows", "tir.noalias": True})
    row_ptr = T.allocate([42], "float32", "global")
    row = T.Buffer((42,), "float32", data=row_ptr)
    A_flat = T.Buffer((640,), "float32", data=A.data)
    for i in range(16):
        row[0] = T.float32(0)
        row[41] = T.float32(0)
        for j in range(40):
            row[j + 1] = A_flat[i * 40 + j]
        for j in range(40):
            B[i, j] = (row[j] + row[j + 1] + row[j + 2]) * T.float32(0.333333343)
