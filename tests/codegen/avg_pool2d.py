# 2x2 average pooling with stride 2 over NCHW 1x3x10x10: a sum reduction with T.init and a
# T.axis.reduce domain, then division by the window size.
from tvm.script import tir as T


@T.prim_func
def avg_pool(X: T.Buffer((1, 3, 10, 10), "float32"), Y: T.Buffer((1, 3, 5, 5), "float32")):
    T.func_attr({"global_symbol": "avg_pool", "tir.noalias": True})
    acc = T.alloc_buffer((1, 3, 5, 5))
    for n, c, h, w, rh, rw in T.grid(1, 3, 5, 5, 2, 2):
        with T.block("pool_sum"):
            vn = T.axis.spatial(1, n)
            vc = T.axis.spatial(3, c)
            vh = T.axis.spatial(5, h)
            vw = T.axis.spatial(5, w)
            vrh = T.axis.reduce(2, rh)
            vrw = T.axis.reduce(2, rw)
            with T.init():
                acc[vn, vc, vh, vw] = T.float32(0)
            acc[vn, vc, vh, vw] = acc[vn, vc, vh, vw] + X[vn, vc, vh * 2 + vrh, vw * 2 + vrw]
    for n, c, h, w in T.grid(1, 3, 5, 5):
        with T.block("pool_avg"):
            vn, vc, vh, vw = T.axis.remap("SSSS", [n, c, h, w])
            Y[vn, vc, vh, vw] = acc[vn, vc, vh, vw] * T.float32(0.25)
