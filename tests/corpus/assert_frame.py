# T.Assert frames and T.Select guarding symbolic-length copies with a scalar n: T.int32 parameter.
from tvm.script import tir as T


@T.prim_func
def guarded_copy(a: T.handle, b: T.handle, n: T.int32):
    T.func_attr({"global_symbol": "guarded_copy"})
    A = T.match_buffer(a, (n,), "int32")
    B = T.match_buffer(b, (n,), "int32")
    with T.Assert(n > 0, "n must be positive"):
        with T.Assert(T.floormod(n, 4) == 0, "n must be a multiple of 4"):
            for i in range(n):
                B[i] = T.Select(A[i] < 0, 0, A[i])
            for q in range(T.floordiv(n, 4)):
                B[q * 4 : q * 4 + 4] = B[q * 4 : q * 4 + 4] + T.broadcast(1, 4)


@T.prim_func
def clamp_indices(idx: T.Buffer((512,), "int64"), limit: T.int64):
    T.func_attr({"global_symbol": "clamp_indices"})
    with T.Assert(limit > T.int64(0), "limit must be positive"):
        for i in range(512):
            idx[i] = T.max(T.min(idx[i], limit - T.int64(1)), T.int64(0))
