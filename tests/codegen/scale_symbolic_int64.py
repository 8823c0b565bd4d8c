# Scale and shift a vector of symbolic int64 length n: T.handle + T.match_buffer with n = T.int64().
# run: n=0
# run: n=1
# run: n=7
# run: n=8
# run: n=9
# run: n=1000
from tvm.script import tir as T


@T.prim_func
def scale_shift(a: T.handle, b: T.handle):
    T.func_attr({"global_symbol": "scale_shift", "tir.noalias": True})
    n = T.int64()
    A = T.match_buffer(a, (n,), "float32")
    B = T.match_buffer(b, (n,), "float32")
    for i in range(n):
        with T.block("B"):
            vi = T.axis.spatial(n, i)
            T.reads(A[vi])
            T.writes(B[vi])
            B[vi] = A[vi] * T.float32(2.5) + T.float32(-1)
