# Division by constants of both signs (powers of two and not), T.ceildiv, and indexing with //
# and % of a loop variable, on int32 values widened from int8 inputs.
from tvm.script import tir as T


@T.prim_func
def divide_by_constants(A: T.Buffer((48,), "int8"), Out: T.Buffer((8, 48), "int32"), G: T.Buffer((6, 8), "int32")):
    T.func_attr({"global_symbol": "divide_by_constants", "tir.noalias": True})
    for i in range(48):
        x: T.int32 = T.Cast("int32", A[i]) * 1000
        Out[0, i] = x // 4
        Out[1, i] = x % 4
        Out[2, i] = x // -3
        Out[3, i] = x % -3
        Out[4, i] = T.truncdiv(x, 7)
        Out[5, i] = T.truncmod(x, -7)
        Out[6, i] = T.ceildiv(x, 16)
        Out[7, i] = T.floordiv(x - 5, 8) + T.floormod(x + 5, -8)
    for i in range(48):
        G[i // 8, i % 8] = T.Cast("int32", A[i])
