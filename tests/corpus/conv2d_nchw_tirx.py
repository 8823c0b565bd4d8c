# tirx 3x3 conv2d NCHW (pad 1) with a padded staging sblock, plus bias-add, called from Relax.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tirx as T


@I.ir_module(s_tir=True)
class Module:
    @T.prim_func(private=True, s_tir=True)
    def conv2d_bias(
        data: T.Buffer((T.int64(1), T.int64(3), T.int64(224), T.int64(224)), "float32"),
        weight: T.Buffer((T.int64(16), T.int64(3), T.int64(3), T.int64(3)), "float32"),
        bias: T.Buffer((T.int64(16),), "float32"),
        out: T.Buffer((T.int64(1), T.int64(16), T.int64(224), T.int64(224)), "float32"),
    ):
        T.func_attr({"tirx.noalias": True})
        pad = T.sblock_alloc_buffer((T.int64(1), T.int64(3), T.int64(226), T.int64(226)))
        conv = T.sblock_alloc_buffer((T.int64(1), T.int64(16), T.int64(224), T.int64(224)))
        for n, c, h, w in T.grid(T.int64(1), T.int64(3), T.int64(226), T.int64(226)):
            with T.sblock("pad"):
                v_n, v_c, v_h, v_w = T.axis.remap("SSSS", [n, c, h, w])
                T.reads(data[v_n, v_c, v_h - T.int64(1), v_w - T.int64(1)])
                T.writes(pad[v_n, v_c, v_h, v_w])
                pad[v_n, v_c, v_h, v_w] = T.if_then_else(
                    T.int64(1) <= v_h
                    and v_h < T.int64(225)
                    and T.int64(1) <= v_w
                    and v_w < T.int64(225),
                    data[v_n, v_c, v_h - T.int64(1), v_w - T.int64(1)],
                    T.float32(0),
                )
        for n, f, y, x, rc, ry, rx in T.grid(
            T.int64(1), T.int64(16), T.int64(224), T.int64(224), T.int64(3), T.int64(3), T.int64(3)
        ):
            with T.sblock("conv"):
                v_n, v_f, v_y, v_x, v_rc, v_ry, v_rx = T.axis.remap(
                    "SSSSRRR", [n, f, y, x, rc, ry, rx]
                )
                T.reads(pad[v_n, v_rc, v_y + v_ry, v_x + v_rx], weight[v_f, v_rc, v_ry, v_rx])
                T.writes(conv[v_n, v_f, v_y, v_x])
                with T.init():
                    conv[v_n, v_f, v_y, v_x] = T.float32(0)
                conv[v_n, v_f, v_y, v_x] = (
                    conv[v_n, v_f, v_y, v_x]
                    + pad[v_n, v_rc, v_y + v_ry, v_x + v_rx] * weight[v_f, v_rc, v_ry, v_rx]
                )
        for n, f, y, x in T.grid(T.int64(1), T.int64(16), T.int64(224), T.int64(224)):
            with T.sblock("bias_add"):
                v_n, v_f, v_y, v_x = T.axis.remap("SSSS", [n, f, y, x])
                T.reads(conv[v_n, v_f, v_y, v_x], bias[v_f])
                T.writes(out[v_n, v_f, v_y, v_x])
                out[v_n, v_f, v_y, v_x] = conv[v_n, v_f, v_y, v_x] + bias[v_f]

    @R.function
    def main(
        x: R.Tensor((1, 3, 224, 224), "float32"),
        w: R.Tensor((16, 3, 3, 3), "float32"),
        b: R.Tensor((16,), "float32"),
    ) -> R.Tensor((1, 16, 224, 224), "float32"):
        cls = Module
        with R.dataflow():
            gv = R.call_tir(cls.conv2d_bias, (x, w, b), out_ty=R.Tensor((1, 16, 224, 224), "float32"))
            R.output(gv)
        return gv
