# Depthwise conv2d NHWC, 1x9x9x3 input, 3x3 per-channel kernel, stride 2, padding 1, with the
# padding read guarded inline by T.if_then_else (no padded copy) and a bias added after the sum.
from tvm.script import tir as T


@T.prim_func
def depthwise_conv(
    X: T.Buffer((1, 9, 9, 3), "float32"),
    K: T.Buffer((3, 3, 3), "float32"),
    Bias: T.Buffer((3,), "float32"),
    Y: T.Buffer((1, 5, 5, 3), "float32"),
):
    T.func_attr({"global_symbol": "depthwise_conv", "tir.noalias": True})
    acc = T.alloc_buffer((1, 5, 5, 3))
    for n, h, w, c, rh, rw in T.grid(1, 5, 5, 3, 3, 3):
        with T.block("depthwise"):
            vn, vh, vw, vc, vrh, vrw = T.axis.remap("SSSSRR", [n, h, w, c, rh, rw])
            T.reads(X[vn, vh * 2 + vrh - 1, vw * 2 + vrw - 1, vc], K[vrh, vrw, vc])
            T.writes(acc[vn, vh, vw, vc])
            with T.init():
                acc[vn, vh, vw, vc] = T.float32(0)
            ih: T.int32 = vh * 2 + vrh - 1
            iw: T.int32 = vw * 2 + vrw - 1
            acc[vn, vh, vw, vc] = acc[vn, vh, vw, vc] + T.if_then_else(
                0 <= ih and ih < 9 and 0 <= iw and iw < 9, X[vn, ih, iw, vc], T.float32(0)
            ) * K[vrh, vrw, vc]
    for n, h, w, c in T.grid(1, 5, 5, 3):
        with T.block("bias"):
            vn, vh, vw, vc = T.axis.remap("SSSS", [n, h, w, c])
            Y[vn, vh, vw, vc] = acc[vn, vh, vw, vc] + Bias[vc]
