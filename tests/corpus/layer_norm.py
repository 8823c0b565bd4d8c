# Layer normalization over the last axis of a (4, 128, 768) tensor with gamma/beta.
from tvm.script import tir as T


@T.prim_func
def layer_norm(
    X: T.Buffer((4, 128, 768), "float32"),
    gamma: T.Buffer((768,), "float32"),
    beta: T.Buffer((768,), "float32"),
    Y: T.Buffer((4, 128, 768), "float32"),
):
    T.func_attr({"global_symbol": "layer_norm", "tir.noalias": True})
    x_sum = T.alloc_buffer((4, 128))
    x_sq_sum = T.alloc_buffer((4, 128))
    for b, t, k in T.grid(4, 128, 768):
        with T.block("moments"):
            vb, vt, vk = T.axis.remap("SSR", [b, t, k])
            T.reads(X[vb, vt, vk])
            T.writes(x_sum[vb, vt], x_sq_sum[vb, vt])
            with T.init():
                x_sum[vb, vt] = T.float32(0)
                x_sq_sum[vb, vt] = T.float32(0)
            x_sum[vb, vt] = x_sum[vb, vt] + X[vb, vt, vk]
            x_sq_sum[vb, vt] = x_sq_sum[vb, vt] + X[vb, vt, vk] * X[vb, vt, vk]
    for b, t, c in T.grid(4, 128, 768):
        with T.block("normalize"):
            vb, vt, vc = T.axis.remap("SSS", [b, t, c])
            T.reads(X[vb, vt, vc], x_sum[vb, vt], x_sq_sum[vb, vt], gamma[vc], beta[vc])
            T.writes(Y[vb, vt, vc])
            mean: T.float32 = x_sum[vb, vt] * T.float32(0.0013020833333333333)
            var: T.float32 = x_sq_sum[vb, vt] * T.float32(0.0013020833333333333) - mean * mean
            Y[vb, vt, vc] = (X[vb, vt, vc] - mean) * T.rsqrt(var + T.float32(1e-5)) * gamma[
                vc
            ] + beta[vc]
