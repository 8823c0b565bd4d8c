# A loop split by 4 over a symbolic length with T.where guarding the tail blocks, and a clamp
# written with T.Select (both sides evaluated, both in bounds).
# run: n=0
# run: n=1
# run: n=7
# run: n=8
# run: n=9
# run: n=1000
from tvm.script import tir as T


@T.prim_func
def clamp_split(a: T.handle, b: T.handle):
    T.func_attr({"global_symbol": "clamp_split", "tir.noalias": True})
    n = T.int32()
    A = T.match_buffer(a, (n,), "float32")
    B = T.match_buffer(b, (n,), "float32")
    for io, ii in T.grid((n + 3) // 4, 4):
        with T.block("clamp"):
            vi = T.axis.spatial(n, io * 4 + ii)
            T.where(io * 4 + ii < n)
            T.reads(A[vi])
            T.writes(B[vi])
            x: T.float32 = A[vi]
            B[vi] = T.Select(x > T.float32(1), T.float32(1), T.Select(x < T.float32(-1), T.float32(-1), x))
