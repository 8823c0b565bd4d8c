# tirx activations: tanh-approximate GELU, SiLU (T.sigmoid) and hard-swish (T.min/T.max) on float16.
from tvm.script import ir as I
from tvm.script import tirx as T


@I.ir_module(s_tir=True)
class Activations:
    @T.prim_func(s_tir=True)
    def gelu_tanh(A: T.Buffer((8, 4096), "float16"), B: T.Buffer((8, 4096), "float16")):
        T.func_attr({"tirx.noalias": True})
        for i, j in T.grid(8, 4096):
            with T.sblock("gelu_tanh"):
                v_i, v_j = T.axis.remap("SS", [i, j])
                T.reads(A[v_i, v_j])
                T.writes(B[v_i, v_j])
                B[v_i, v_j] = T.Cast(
                    "float16",
                    T.float32(0.5)
                    * T.Cast("float32", A[v_i, v_j])
                    * (
                        T.float32(1)
                        + T.tanh(
                            T.float32(0.79788456)
                            * (
                                T.Cast("float32", A[v_i, v_j])
                                + T.float32(0.044715) * T.pow(T.Cast("float32", A[v_i, v_j]), T.float32(3))
                            )
                        )
                    ),
                )

    @T.prim_func(s_tir=True)
    def silu(A: T.Buffer((8, 4096), "float16"), B: T.Buffer((8, 4096), "float16")):
        T.func_attr({"tirx.noalias": True})
        for i, j in T.grid(8, 4096):
            with T.sblock("silu"):
                v_i, v_j = T.axis.remap("SS", [i, j])
                T.reads(A[v_i, v_j])
                T.writes(B[v_i, v_j])
                B[v_i, v_j] = A[v_i, v_j] * T.sigmoid(A[v_i, v_j])

    @T.prim_func(s_tir=True)
    def hard_swish(A: T.Buffer((8, 4096), "float16"), B: T.Buffer((8, 4096), "float16")):
        T.func_attr({"tirx.noalias": True})
        for i, j in T.grid(8, 4096):
            with T.sblock("hard_swish"):
                v_i, v_j = T.axis.remap("SS", [i, j])
                T.reads(A[v_i, v_j])
                T.writes(B[v_i, v_j])
                B[v_i, v_j] = (
                    A[v_i, v_j]
                    * T.min(T.max(A[v_i, v_j] + T.float16(3), T.float16(0)), T.float16(6))
                    * T.float16(0.16666667)
                )
