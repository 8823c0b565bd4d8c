# Token embedding gather (int32 ids cast to int64) followed by rotary position embedding with T.cos/T.sin.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def embed(
        ids: T.Buffer((T.int64(128),), "int32"),
        table: T.Buffer((T.int64(32000), T.int64(64)), "float16"),
        out: T.Buffer((T.int64(128), T.int64(64)), "float16"),
    ):
        T.func_attr({"tir.noalias": True})
        for t, d in T.grid(T.int64(128), T.int64(64)):
            with T.block("gather"):
                v_t, v_d = T.axis.remap("SS", [t, d])
                T.reads(ids[v_t], table[T.Cast("int64", ids[v_t]), v_d])
                T.writes(out[v_t, v_d])
                out[v_t, v_d] = table[T.Cast("int64", ids[v_t]), v_d]

    @T.prim_func
    def rope(
        x: T.Buffer((T.int64(128), T.int64(64)), "float16"),
        pos: T.Buffer((T.int64(128),), "int32"),
        y: T.Buffer((T.int64(128), T.int64(64)), "float16"),
    ):
        T.func_attr({"tir.noalias": True})
        for t, d in T.grid(T.int64(128), T.int64(64)):
            with T.block("rope"):
                v_t, v_d = T.axis.remap("SS", [t, d])
                T.reads(pos[v_t], x[v_t, v_d % T.int64(32)], x[v_t, v_d % T.int64(32) + T.int64(32)])
                T.writes(y[v_t, v_d])
                freq: T.float32 = T.Cast("float32", pos[v_t]) * T.pow(
                    T.float32(10000), T.Cast("float32", v_d % T.int64(32)) * T.float32(-0.03125)
                )
                lo: T.float32 = T.Cast("float32", x[v_t, v_d % T.int64(32)])
                hi: T.float32 = T.Cast("float32", x[v_t, v_d % T.int64(32) + T.int64(32)])
                y[v_t, v_d] = T.Cast(
                    "float16",
                    T.if_then_else(
                        v_d < T.int64(32),
                        lo * T.cos(freq) - hi * T.sin(freq),
                        hi * T.cos(freq) + lo * T.sin(freq),
                    ),
                )
