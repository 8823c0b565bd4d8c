# tirx 3x3 NHWC float16 conv2d with float32 accumulator; padding via T.if_then_else inside the reduction.
from tvm.script import tirx as T


@T.prim_func(s_tir=True)
def conv2d_nhwc_fp16(
    X: T.Buffer((1, 28, 28, 64), "float16"),
    W: T.Buffer((3, 3, 64, 64), "float16"),
    Y: T.Buffer((1, 28, 28, 64), "float16"),
):
    T.func_attr({"tirx.noalias": True})
    acc = T.sblock_alloc_buffer((1, 28, 28, 64), "float32")
    for n, h, w, co, kh, kw, ci in T.grid(1, 28, 28, 64, 3, 3, 64):
        with T.sblock("conv_acc"):
            v_n, v_h, v_w, v_co, v_kh, v_kw, v_ci = T.axis.remap(
                "SSSSRRR", [n, h, w, co, kh, kw, ci]
            )
            T.reads(X[v_n, v_h + v_kh - 1, v_w + v_kw - 1, v_ci], W[v_kh, v_kw, v_ci, v_co])
            T.writes(acc[v_n, v_h, v_w, v_co])
            with T.init():
                acc[v_n, v_h, v_w, v_co] = T.float32(0)
            acc[v_n, v_h, v_w, v_co] = acc[v_n, v_h, v_w, v_co] + T.Cast(
                "float32",
                T.if_then_else(
                    1 <= v_h + v_kh and v_h + v_kh < 29 and 1 <= v_w + v_kw and v_w + v_kw < 29,
                    X[v_n, v_h + v_kh - 1, v_w + v_kw - 1, v_ci],
                    T.float16(0),
                ),
            ) * T.Cast("float32", W[v_kh, v_kw, v_ci, v_co])
    for n, h, w, co in T.grid(1, 28, 28, 64):
        with T.sblock("conv_out"):
            v_n, v_h, v_w, v_co = T.axis.remap("SSSS", [n, h, w, co])
            T.reads(acc[v_n, v_h, v_w, v_co])
            T.writes(Y[v_n, v_h, v_w, v_co])
            Y[v_n, v_h, v_w, v_co] = T.Cast("float16", acc[v_n, v_h, v_w, v_co])
