# 3x3 stride-1 average pooling in NHWC with padding, a sum pass and a divide-by-count pass.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def avg_pool2d(
        X: T.Buffer((2, 14, 14, 256), "float32"), Y: T.Buffer((2, 14, 14, 256), "float32")
    ):
        T.func_attr({"tir.noalias": True})
        pool_sum = T.alloc_buffer((2, 14, 14, 256))
        for n, h, w, c, kh, kw in T.grid(2, 14, 14, 256, 3, 3):
            with T.block("pool_sum"):
                v_n, v_h, v_w, v_c, v_kh, v_kw = T.axis.remap("SSSSRR", [n, h, w, c, kh, kw])
                T.reads(X[v_n, v_h + v_kh - 1, v_w + v_kw - 1, v_c])
                T.writes(pool_sum[v_n, v_h, v_w, v_c])
                with T.init():
                    pool_sum[v_n, v_h, v_w, v_c] = T.float32(0)
                pool_sum[v_n, v_h, v_w, v_c] = pool_sum[v_n, v_h, v_w, v_c] + T.if_then_else(
                    1 <= v_h + v_kh and v_h + v_kh < 15 and 1 <= v_w + v_kw and v_w + v_kw < 15,
                    X[v_n, v_h + v_kh - 1, v_w + v_kw - 1, v_c],
                    T.float32(0),
                )
        for n, h, w, c in T.grid(2, 14, 14, 256):
            with T.block("pool_avg"):
                v_n, v_h, v_w, v_c = T.axis.remap("SSSS", [n, h, w, c])
                T.reads(pool_sum[v_n, v_h, v_w, v_c])
                T.writes(Y[v_n, v_h, v_w, v_c])
                count: T.int32 = (T.min(v_h + 1, 13) - T.max(v_h - 1, 0) + 1) * (
                    T.min(v_w + 1, 13) - T.max(v_w - 1, 0) + 1
                )
                Y[v_n, v_h, v_w, v_c] = pool_sum[v_n, v_h, v_w, v_c] / T.Cast("float32", count)
