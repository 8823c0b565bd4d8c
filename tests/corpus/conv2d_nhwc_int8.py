# Quantized 3x3 stride-2 conv2d in NHWC layout: int8 inputs, int32 accumulator, padding by T.if_then_else.
from tvm.script import tir as T


@T.prim_func
def conv2d_nhwc_int8(
    inp: T.Buffer((1, 32, 32, 16), "int8"),
    ker: T.Buffer((3, 3, 16, 32), "int8"),
    out: T.Buffer((1, 16, 16, 32), "int32"),
):
    T.func_attr({"global_symbol": "conv2d_nhwc_int8", "tir.noalias": True})
    padded = T.alloc_buffer((1, 34, 34, 16), "int8")
    for n, h, w, c in T.grid(1, 34, 34, 16):
        with T.block("padded"):
            v_n, v_h, v_w, v_c = T.axis.remap("SSSS", [n, h, w, c])
            T.reads(inp[v_n, v_h - 1, v_w - 1, v_c])
            T.writes(padded[v_n, v_h, v_w, v_c])
            padded[v_n, v_h, v_w, v_c] = T.if_then_else(
                1 <= v_h and v_h < 33 and 1 <= v_w and v_w < 33,
                inp[v_n, v_h - 1, v_w - 1, v_c],
                T.int8(0),
            )
    for n, oh, ow, oc, kh, kw, ic in T.grid(1, 16, 16, 32, 3, 3, 16):
        with T.block("conv"):
            v_n, v_oh, v_ow, v_oc, v_kh, v_kw, v_ic = T.axis.remap(
                "SSSSRRR", [n, oh, ow, oc, kh, kw, ic]
            )
            T.reads(padded[v_n, v_oh * 2 + v_kh, v_ow * 2 + v_kw, v_ic], ker[v_kh, v_kw, v_ic, v_oc])
            T.writes(out[v_n, v_oh, v_ow, v_oc])
            with T.init():
                out[v_n, v_oh, v_ow, v_oc] = 0
            out[v_n, v_oh, v_ow, v_oc] = out[v_n, v_oh, v_ow, v_oc] + T.Cast(
                "int32", padded[v_n, v_oh * 2 + v_kh, v_ow * 2 + v_kw, v_ic]
            ) * T.Cast("int32", ker[v_kh, v_kw, v_ic, v_oc])
