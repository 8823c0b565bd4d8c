# Depthwise 3x3 conv2d (NCHW, channel multiplier 1) with inline boundary handling in the reduction.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def depthwise_conv2d(
        X: T.Buffer((1, 96, 28, 28), "float32"),
        K: T.Buffer((96, 1, 3, 3), "float32"),
        Y: T.Buffer((1, 96, 28, 28), "float32"),
    ):
        T.func_attr({"tir.noalias": True})
        for b, c, i, j, di, dj in T.grid(1, 96, 28, 28, 3, 3):
            with T.block("depthwise"):
                vb, vc, vi, vj, vdi, vdj = T.axis.remap("SSSSRR", [b, c, i, j, di, dj])
                T.reads(X[vb, vc, vi + vdi - 1, vj + vdj - 1], K[vc, 0, vdi, vdj])
                T.writes(Y[vb, vc, vi, vj])
                with T.init():
                    Y[vb, vc, vi, vj] = T.float32(0)
                Y[vb, vc, vi, vj] = Y[vb, vc, vi, vj] + T.if_then_else(
                    1 <= vi + vdi and vi + vdi < 29 and 1 <= vj + vdj and vj + vdj < 29,
                    X[vb, vc, vi + vdi - 1, vj + vdj - 1],
                    T.float32(0),
                ) * K[vc, 0, vdi, vdj]
