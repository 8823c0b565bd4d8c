# Conv2d NHWC, 1x8x8x4 input, 3x3x4x6 HWIO weights, stride 1, padding 1: a padded copy guarded by
# T.if_then_else, then a reduction with T.init over (rh, rw, rc).
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def conv2d_nhwc(
        X: T.Buffer((1, 8, 8, 4), "float32"),
        W: T.Buffer((3, 3, 4, 6), "float32"),
        Y: T.Buffer((1, 8, 8, 6), "float32"),
    ):
        T.func_attr({"global_symbol": "conv2d_nhwc", "tir.noalias": True})
        pad = T.alloc_buffer((1, 10, 10, 4))
        for n, h, w, c in T.grid(1, 10, 10, 4):
            with T.block("pad"):
                vn, vh, vw, vc = T.axis.remap("SSSS", [n, h, w, c])
                T.reads(X[vn, vh - 1, vw - 1, vc])
                T.writes(pad[vn, vh, vw, vc])
                pad[vn, vh, vw, vc] = T.if_then_else(
                    1 <= vh and vh < 9 and 1 <= vw and vw < 9, X[vn, vh - 1, vw - 1, vc], T.float32(0)
                )
        for n, h, w, f, rh, rw, rc in T.grid(1, 8, 8, 6, 3, 3, 4):
            with T.block("conv"):
                vn, vh, vw, vf, vrh, vrw, vrc = T.axis.remap("SSSSRRR", [n, h, w, f, rh, rw, rc])
                T.reads(pad[vn, vh + vrh, vw + vrw, vrc], W[vrh, vrw, vrc, vf])
                T.writes(Y[vn, vh, vw, vf])
                with T.init():
                    Y[vn, vh, vw, vf] = T.float32(0)
                Y[vn, vh, vw, vf] = Y[vn, vh, vw, vf] + pad[vn, vh + vrh, vw + vrw, vrc] * W[vrh, vrw, vrc, vf]
