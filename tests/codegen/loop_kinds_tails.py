# T.parallel, T.vectorized and T.unroll loops whose extents are not multiples of the vector width:
# a static 3x37 case and a symbolic length split into 4-wide vectors plus a tail loop.
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
    def static_kinds(A: T.Buffer((3, 37), "float32"), B: T.Buffer((3, 37), "float32")):
        T.func_attr({"global_symbol": "static_kinds", "tir.noalias": True})
        for i in T.parallel(3):
            for j in T.vectorized(37):
                B[i, j] = A[i, j] * T.float32(3) - T.float32(1)
            for u in T.unroll(5):
                B[i, u * 7] = B[i, u * 7] + T.float32(u)

    @T.prim_func
    def split_tail(a: T.handle, b: T.handle):
        T.func_attr({"global_symbol": "split_tail", "tir.noalias": True})
        n = T.int32()
        A = T.match_buffer(a, (n,), "float32")
        B = T.match_buffer(b, (n,), "float32")
        for o in T.parallel(n // 4):
            for v in T.vectorized(4):
                B[o * 4 + v] = T.max(A[o * 4 + v], T.float32(0))
        for t in T.serial(n // 4 * 4, n):
            B[t] = T.max(A[t], T.float32(0))
