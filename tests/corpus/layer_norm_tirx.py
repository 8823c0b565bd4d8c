# tirx layer norm (mean/variance pass, normalize pass) called from Relax with out_ty=.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tirx as T


@I.ir_module(s_tir=True)
class Module:
    @T.prim_func(private=True, s_tir=True)
    def layer_norm(
        X: T.Buffer((T.int64(16), T.int64(1024)), "float32"),
        gamma: T.Buffer((T.int64(1024),), "float32"),
        beta: T.Buffer((T.int64(1024),), "float32"),
        Y: T.Buffer((T.int64(16), T.int64(1024)), "float32"),
    ):
        T.func_attr({"tirx.noalias": True})
        red_sum = T.sblock_alloc_buffer((T.int64(16),))
        red_sq = T.sblock_alloc_buffer((T.int64(16),))
        for i, k in T.grid(T.int64(16), T.int64(1024)):
            with T.sblock("moments"):
                v_i, v_k = T.axis.remap("SR", [i, k])
                T.reads(X[v_i, v_k])
                T.writes(red_sum[v_i], red_sq[v_i])
                with T.init():
                    red_sum[v_i] = T.float32(0)
                    red_sq[v_i] = T.float32(0)
                red_sum[v_i] = red_sum[v_i] + X[v_i, v_k]
                red_sq[v_i] = red_sq[v_i] + X[v_i, v_k] * X[v_i, v_k]
        for i, j in T.grid(T.int64(16), T.int64(1024)):
            with T.sblock("T_layer_norm"):
                v_i, v_j = T.axis.remap("SS", [i, j])
                T.reads(X[v_i, v_j], red_sum[v_i], red_sq[v_i], gamma[v_j], beta[v_j])
                T.writes(Y[v_i, v_j])
                Y[v_i, v_j] = (X[v_i, v_j] - red_sum[v_i] * T.float32(0.0009765625)) * T.rsqrt(
                    red_sq[v_i] * T.float32(0.0009765625)
                    - red_sum[v_i] * T.float32(0.0009765625) * (red_sum[v_i] * T.float32(0.0009765625))
                    + T.float32(1e-5)
                ) * gamma[v_j] + beta[v_j]

    @R.function
    def main(
        x: R.Tensor((16, 1024), "float32"),
        gamma: R.Tensor((1024,), "float32"),
        beta: R.Tensor((1024,), "float32"),
    ) -> R.Tensor((16, 1024), "float32"):
        cls = Module
        with R.dataflow():
            gv = R.call_tir(cls.layer_norm, (x, gamma, beta), out_ty=R.Tensor((16, 1024), "float32"))
            R.output(gv)
        return gv
