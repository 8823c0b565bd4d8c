# Three-input fused add-multiply over a symbolic int32 length, written with plain serial loops.
# run: n=0
# run: n=1
# run: n=7
# run: n=8
# run: n=9
# run: n=1000
from tvm.script import tir as T


@T.prim_func
def fused_add_mul(a: T.handle, b: T.handle, c: T.handle, d: T.handle):
    T.func_attr({"global_symbol": "fused_add_mul", "tir.noalias": True})
    n = T.int32()
    A = T.match_buffer(a, (n,), "float32")
    B = T.match_buffer(b, (n,), "float32")
    C = T.match_buffer(c, (n,), "float32")
    D = T.match_buffer(d, (n,), "float32")
    for i in T.serial(n):
        D[i] = (A[i] + B[i]) * C[i]
