# while loops with one-element decl_buffer counters, if/else and integer floordiv/floormod.
from tvm.script import tir as T


@T.prim_func
def collatz_steps(N: T.Buffer((256,), "int32"), Steps: T.Buffer((256,), "int32")):
    T.func_attr({"global_symbol": "collatz_steps", "tir.noalias": True})
    for i in range(256):
        cur = T.decl_buffer((1,), "int32")
        cur[0] = N[i]
        Steps[i] = 0
        while cur[0] > 1:
            if cur[0] % 2 == 0:
                cur[0] = cur[0] // 2
            else:
                cur[0] = cur[0] * 3 + 1
            Steps[i] = Steps[i] + 1


@T.prim_func
def gcd_pairs(A: T.Buffer((128,), "int64"), B: T.Buffer((128,), "int64"), G: T.Buffer((128,), "int64")):
    T.func_attr({"global_symbol": "gcd_pairs", "tir.noalias": True})
    for i in T.parallel(128):
        ab = T.decl_buffer((2,), "int64")
        ab[0] = T.abs(A[i])
        ab[1] = T.abs(B[i])
        while ab[1] != T.int64(0):
            ab[0] = T.floormod(ab[0], ab[1])
            if ab[0] == T.int64(0):
                ab[0] = ab[1]
                ab[1] = T.int64(0)
            else:
                ab[1] = T.floormod(ab[1], ab[0])
        G[i] = ab[0]
