# Casts: float32 -> int32 (toward zero, after clamping into range), int32 -> float32/float64,
# int8 <-> int64 (sign extension, truncation), uint8 -> int32 (zero extension), bool <-> int
# and float -> bool, with x.astype and T.cast spellings.
from tvm.script import tir as T


@T.prim_func
def casts(
    F: T.Buffer((40,), "float32"),
    I8: T.Buffer((40,), "int8"),
    U8: T.Buffer((40,), "uint8"),
    ToInt: T.Buffer((40,), "int32"),
    ToFloat: T.Buffer((40,), "float64"),
    Wide: T.Buffer((40,), "int64"),
    Narrow: T.Buffer((40,), "int8"),
    Zext: T.Buffer((40,), "int32"),
    Flags: T.Buffer((40,), "bool"),
    FromBool: T.Buffer((40,), "int32"),
):
    T.func_attr({"global_symbol": "casts", "tir.noalias": True})
    for i in range(40):
        clamped: T.float32 = T.min(T.max(F[i] * T.float32(1000), T.float32(-2.0e9)), T.float32(2.0e9))
        ToInt[i] = T.Cast("int32", clamped)
        ToFloat[i] = T.Cast("float64", T.Cast("int32", clamped)) + T.cast(F[i], "float64")
        Wide[i] = I8[i].astype("int64") * T.int64(3000000007)
        Narrow[i] = T.Cast("int8", Wide[i] + T.int64(77))
        Zext[i] = T.Cast("int32", U8[i]) - T.Cast("int32", T.Cast("int8", U8[i]))
        Flags[i] = T.Cast("bool", T.trunc(F[i])) and I8[i] != T.int8(0)
        FromBool[i] = T.Cast("int32", Flags[i]) * 10 + T.Cast("int32", T.Cast("bool", U8[i]))
