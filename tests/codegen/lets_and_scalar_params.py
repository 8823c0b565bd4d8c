# Let bindings of every spelling (x = e, x: T.int32 = e, with T.LetStmt) and scalar parameters:
# an int32 length parameter used in a T.match_buffer shape, and a float32 factor.
# run: n=0
# run: n=1
# run: n=7
# run: n=8
# run: n=9
# run: n=1000
from tvm.script import tir as T


@T.prim_func
def lets(a: T.handle, b: T.handle, n: T.int32):
    T.func_attr({"global_symbol": "lets", "tir.noalias": True})
    A = T.match_buffer(a, (n,), "float32")
    B = T.match_buffer(b, (n,), "float32")
    half = T.float32(0.5)
    for i in range(n):
        j: T.int32 = n - 1 - i
        with T.LetStmt(A[j] * half) as scaled:
            mirrored = A[i] + scaled
            B[i] = mirrored * T.Cast("float32", i % 3 + 1)
