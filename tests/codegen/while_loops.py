# while loops with one-element T.decl_buffer state: bit length of a uint8 (at most 8 rounds) and a
# bounded Euclid gcd over small positive int32 values.
from tvm.script import tir as T


@T.prim_func
def while_loops(A: T.Buffer((64,), "uint8"), B: T.Buffer((64,), "int32"), Bits: T.Buffer((64,), "int32"), G: T.Buffer((64,), "int32")):
    T.func_attr({"global_symbol": "while_loops", "tir.noalias": True})
    for i in range(64):
        v = T.decl_buffer((1,), "int32")
        v[0] = T.Cast("int32", A[i])
        Bits[i] = 0
        while v[0] > 0:
            v[0] = v[0] // 2
            Bits[i] = Bits[i] + 1
        ab = T.decl_buffer((2,), "int32")
        ab[0] = (B[i] & 255) + 1
        ab[1] = T.Cast("int32", A[i]) + 1
        while ab[1] != 0:
            t: T.int32 = T.floormod(ab[0], ab[1])
            ab[0] = ab[1]
            ab[1] = t
        G[i] = ab[0]
