# T.Assert frame and a bool-valued T.Select guarding a symbolic-length copy.
from tvm.script import tir as T


@T.prim_func
def guarded_copy(a: T.handle, b: T.handle, n: T.int32):
    A = T.match_buffer(a, (n,), "int32")
    B = T.match_buffer(b, (n,), "int32")
    with T.Assert(n > 0, "n must be positive"):
        with T.Assert(T.floormod(n, 4) == 0, "n must be a multiple of 4"):
            for i in range(n):
                B[i] = T.Select(A[i] < 0, 0, A[i])
