# Every call form between PrimFuncs: regions with offsets, leading unit dimensions dropped,
# symbolic callee extents bound from the region, a strided callee over a wider buffer, a
# subroutine over a raw pointer, and recursion.
# run: n=1
# run: n=7
# run: n=64
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Calls:
    @T.prim_func
    def main(a: T.handle, b: T.handle, c: T.handle):
        n = T.int64()
        A = T.match_buffer(a, (n, 8), "float32")
        B = T.match_buffer(b, (n, 8), "float32")
        C = T.match_buffer(c, (8,), "int32")
        for i in range(n):
            # A row as a 1-d region of a symbolic callee: the unit dimension is dropped.
            T.call_tir(Calls.scale, A[i : i + 1, 0:8], B[i : i + 1, 0:8], T.float32(2))
        # A 2-d window with offsets into a strided callee.
        T.call_tir(Calls.bump_window, B[0:n, 2:6])
        # A raw pointer and recursion.
        Calls.countdown(C.data, T.int64(8))

    @T.prim_func(private=True)
    def scale(x: T.handle, y: T.handle, k: T.float32):
        m = T.int64()
        X = T.match_buffer(x, (m,), "float32")
        Y = T.match_buffer(y, (m,), "float32")
        for j in range(m):
            Y[j] = X[j] * k

    @T.prim_func(private=True)
    def bump_window(w: T.handle):
        rows = T.int64()
        s = T.int64()
        W = T.match_buffer(w, (rows, 4), "float32", strides=[s, 1])
        for r, j in T.grid(rows, 4):
            W[r, j] = W[r, j] + T.float32(100)

    @T.prim_func(private=True)
    def countdown(p: T.handle("int32"), k: T.int64):
        P = T.decl_buffer((8,), "int32", data=p)
        if k > T.int64(0):
            P[k - T.int64(1)] = T.Cast("int32", k) * 10
            Calls.countdown(p, k - T.int64(1))
