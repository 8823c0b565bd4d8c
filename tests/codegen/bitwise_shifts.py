# Bitwise and/or/xor/not and shifts: arithmetic right shift of negative int32, logical right shift
# of uint32, left shifts with the amount masked into range, on uint8 and int32.
from tvm.script import tir as T


@T.prim_func
def bits(A: T.Buffer((48,), "int32"), U: T.Buffer((48,), "uint8"), Out: T.Buffer((6, 48), "int32"), UOut: T.Buffer((2, 48), "uint8")):
    T.func_attr({"global_symbol": "bits", "tir.noalias": True})
    for i in range(48):
        a: T.int32 = A[i]
        s: T.int32 = i % 31
        Out[0, i] = (a & 0x0F0F) | (a ^ 0x3C)
        Out[1, i] = a >> s
        Out[2, i] = T.Cast("int32", T.Cast("uint32", a) >> T.Cast("uint32", s))
        Out[3, i] = (a & 0xFFFF) << (s % 16)
        Out[4, i] = ~a
        Out[5, i] = T.shift_right(a, 3) + T.shift_left(a & 255, 2)
        UOut[0, i] = (U[i] << T.uint8(i % 8)) | (U[i] >> T.uint8(5))
        UOut[1, i] = ~U[i] ^ T.uint8(0x5A)
