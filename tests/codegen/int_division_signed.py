# floordiv/floormod (//, %, T.floordiv, T.floormod) and truncdiv/truncmod with negative operands at
# int8, int32 and int64. Divisors are +-2..+-5, built from the second input, so they are never
# zero and never -1 (no overflow for the minimum dividend).
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def div_int8(A: T.Buffer((64,), "int8"), B: T.Buffer((64,), "int8"), Out: T.Buffer((4, 64), "int8")):
        T.func_attr({"global_symbol": "div_int8", "tir.noalias": True})
        for i in range(64):
            magnitude: T.int8 = (B[i] & T.int8(3)) + T.int8(2)
            d: T.int8 = T.Select((B[i] & T.int8(4)) == T.int8(0), magnitude, T.int8(0) - magnitude)
            Out[0, i] = A[i] // d
            Out[1, i] = A[i] % d
            Out[2, i] = T.truncdiv(A[i], d)
            Out[3, i] = T.truncmod(A[i], d)

    @T.prim_func
    def div_int32(A: T.Buffer((64,), "int32"), B: T.Buffer((64,), "int32"), Out: T.Buffer((4, 64), "int32")):
        T.func_attr({"global_symbol": "div_int32", "tir.noalias": True})
        for i in range(64):
            magnitude: T.int32 = (B[i] & 3) + 2
            d: T.int32 = T.Select((B[i] & 4) == 0, magnitude, 0 - magnitude)
            Out[0, i] = T.floordiv(A[i], d)
            Out[1, i] = T.floormod(A[i], d)
            Out[2, i] = T.truncdiv(A[i], d)
            Out[3, i] = T.truncmod(A[i], d)

    @T.prim_func
    def div_int64(A: T.Buffer((64,), "int64"), B: T.Buffer((64,), "int64"), Out: T.Buffer((4, 64), "int64")):
        T.func_attr({"global_symbol": "div_int64", "tir.noalias": True})
        for i in range(64):
            magnitude: T.int64 = (B[i] & T.int64(3)) + T.int64(2)
            d: T.int64 = T.Select((B[i] & T.int64(4)) == T.int64(0), magnitude, T.int64(0) - magnitude)
            Out[0, i] = A[i] // d
            Out[1, i] = A[i] % d
            Out[2, i] = T.truncdiv(A[i], d)
            Out[3, i] = T.truncmod(A[i], d)
