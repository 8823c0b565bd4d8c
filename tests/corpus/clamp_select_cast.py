# Clamp-and-quantize: T.Select, T.min/T.max, T.Cast, T.cast and T.round from float32 to int8.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def quantize(
        X: T.Buffer((256, 256), "float32"),
        scale: T.Buffer((256,), "float32"),
        Q: T.Buffer((256, 256), "int8"),
    ):
        T.func_attr({"tir.noalias": True})
        for i, j in T.grid(256, 256):
            with T.block("quantize"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(X[vi, vj], scale[vj])
                T.writes(Q[vi, vj])
                Q[vi, vj] = T.Cast(
                    "int8",
                    T.max(T.min(T.round(X[vi, vj] / scale[vj]), T.float32(127)), T.float32(-128)),
                )

    @T.prim_func
    def dequantize(
        Q: T.Buffer((256, 256), "int8"),
        scale: T.Buffer((256,), "float32"),
        X: T.Buffer((256, 256), "float32"),
    ):
        T.func_attr({"tir.noalias": True})
        for i, j in T.grid(256, 256):
            with T.block("dequantize"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(Q[vi, vj], scale[vj])
                T.writes(X[vi, vj])
                X[vi, vj] = T.Select(
                    Q[vi, vj] == T.int8(-128),
                    T.float32(0),
                    T.cast(Q[vi, vj], "float32") * scale[vj],
                )
