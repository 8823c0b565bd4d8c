# 3x3 conv2d in NCHW layout with a zero-padded staging buffer built with T.if_then_else.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def conv2d_nchw(
        data: T.Buffer((1, 64, 56, 56), "float32"),
        weight: T.Buffer((128, 64, 3, 3), "float32"),
        conv: T.Buffer((1, 128, 56, 56), "float32"),
    ):
        T.func_attr({"global_symbol": "conv2d_nchw", "tir.noalias": True})
        pad_temp = T.alloc_buffer((1, 64, 58, 58))
        for n, c, h, w in T.grid(1, 64, 58, 58):
            with T.block("pad_temp"):
                v_n, v_c, v_h, v_w = T.axis.remap("SSSS", [n, c, h, w])
                T.reads(data[v_n, v_c, v_h - 1, v_w - 1])
                T.writes(pad_temp[v_n, v_c, v_h, v_w])
                pad_temp[v_n, v_c, v_h, v_w] = T.if_then_else(
                    1 <= v_h and v_h < 57 and 1 <= v_w and v_w < 57,
                    data[v_n, v_c, v_h - 1, v_w - 1],
                    T.float32(0),
                )
        for n, f, y, x, rc, ry, rx in T.grid(1, 128, 56, 56, 64, 3, 3):
            with T.block("conv2d_nchw"):
                v_n, v_f, v_y, v_x, v_rc, v_ry, v_rx = T.axis.remap(
                    "SSSSRRR", [n, f, y, x, rc, ry, rx]
                )
                T.reads(pad_temp[v_n, v_rc, v_y + v_ry, v_x + v_rx], weight[v_f, v_rc, v_ry, v_rx])
                T.writes(conv[v_n, v_f, v_y, v_x])
                with T.init():
                    conv[v_n, v_f, v_y, v_x] = T.float32(0)
                conv[v_n, v_f, v_y, v_x] = (
                    conv[v_n, v_f, v_y, v_x]
                    + pad_temp[v_n, v_rc, v_y + v_ry, v_x + v_rx] * weight[v_f, v_rc, v_ry, v_rx]
                )
