# 1-D stencil and 2-D zero padding over symbolic sizes: T.if_then_else guards every read that
# would fall outside the input (only the taken side is evaluated).
# run: n=0
# run: n=1
# run: n=7
# run: n=8
# run: n=9
# run: n=1000
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def stencil(a: T.handle, b: T.handle):
        T.func_attr({"global_symbol": "stencil", "tir.noalias": True})
        n = T.int64()
        A = T.match_buffer(a, (n,), "float32")
        B = T.match_buffer(b, (n,), "float32")
        for i in range(n):
            with T.block("B"):
                vi = T.axis.spatial(n, i)
                left: T.float32 = T.if_then_else(vi > T.int64(0), A[vi - T.int64(1)], T.float32(0))
                right: T.float32 = T.if_then_else(vi + T.int64(1) < n, A[vi + T.int64(1)], T.float32(0))
                B[vi] = left + A[vi] * T.float32(2) + right

    @T.prim_func
    def pad2d(a: T.handle, b: T.handle):
        T.func_attr({"global_symbol": "pad2d", "tir.noalias": True})
        n = T.int32()
        A = T.match_buffer(a, (n, 3), "float32")
        B = T.match_buffer(b, (n + 2, 7), "float32")
        for i, j in T.grid(n + 2, 7):
            with T.block("pad"):
                vi, vj = T.axis.remap("SS", [i, j])
                B[vi, vj] = T.if_then_else(
                    1 <= vi and vi <= n and 2 <= vj and vj < 5, A[vi - 1, vj - 2], T.float32(-1)
                )
