# Runtime asserts on symbolic shape variables: n = 0 makes the first assert fail (non-zero return).
# run: n=0, m=4
# run: n=1, m=1
# run: n=7, m=9
# run: n=8, m=8
# run: n=9, m=7
# run: n=1000, m=20
from tvm.script import tir as T


@T.prim_func
def checked_rows(a: T.handle, b: T.handle):
    T.func_attr({"global_symbol": "checked_rows", "tir.noalias": True})
    n = T.int64()
    m = T.int64()
    A = T.match_buffer(a, (n, m), "float32")
    B = T.match_buffer(b, (n,), "float32")
    assert n >= T.int64(1), "n must be at least 1"
    T.Assert(m <= T.int64(64), "m must be at most 64")
    for i in range(n):
        B[i] = A[i, 0] + A[i, m - T.int64(1)]
