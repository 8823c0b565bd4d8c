# tirx + Relax: three chained R.call_tir(..., out_ty=...) calls (matmul, bias+gelu, matmul) in a dataflow block.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tirx as T


@I.ir_module(s_tir=True)
class FeedForward:
    @T.prim_func(private=True, s_tir=True)
    def up_proj(
        x: T.Buffer((T.int64(32), T.int64(512)), "float32"),
        w: T.Buffer((T.int64(512), T.int64(2048)), "float32"),
        y: T.Buffer((T.int64(32), T.int64(2048)), "float32"),
    ):
        T.func_attr({"tirx.noalias": True})
        for i, j, k in T.grid(T.int64(32), T.int64(2048), T.int64(512)):
            with T.sblock("up_proj"):
                v_i, v_j, v_k = T.axis.remap("SSR", [i, j, k])
                T.reads(x[v_i, v_k], w[v_k, v_j])
                T.writes(y[v_i, v_j])
                with T.init():
                    y[v_i, v_j] = T.float32(0)
                y[v_i, v_j] = y[v_i, v_j] + x[v_i, v_k] * w[v_k, v_j]

    @T.prim_func(private=True, s_tir=True)
    def bias_gelu(
        x: T.Buffer((T.int64(32), T.int64(2048)), "float32"),
        b: T.Buffer((T.int64(2048),), "float32"),
        y: T.Buffer((T.int64(32), T.int64(2048)), "float32"),
    ):
        T.func_attr({"tirx.noalias": True})
        for i, j in T.grid(T.int64(32), T.int64(2048)):
            with T.sblock("bias_gelu"):
                v_i, v_j = T.axis.remap("SS", [i, j])
                T.reads(x[v_i, v_j], b[v_j])
                T.writes(y[v_i, v_j])
                y[v_i, v_j] = (
                    (x[v_i, v_j] + b[v_j])
                    * T.float32(0.5)
                    * (T.float32(1) + T.erf((x[v_i, v_j] + b[v_j]) * T.float32(0.70710678118654757)))
                )

    @T.prim_func(private=True, s_tir=True)
    def down_proj(
        x: T.Buffer((T.int64(32), T.int64(2048)), "float32"),
        w: T.Buffer((T.int64(2048), T.int64(512)), "float32"),
        y: T.Buffer((T.int64(32), T.int64(512)), "float32"),
    ):
        T.func_attr({"tirx.noalias": True})
        for i, j, k in T.grid(T.int64(32), T.int64(512), T.int64(2048)):
            with T.sblock("down_proj"):
                v_i, v_j, v_k = T.axis.remap("SSR", [i, j, k])
                T.reads(x[v_i, v_k], w[v_k, v_j])
                T.writes(y[v_i, v_j])
                with T.init():
                    y[v_i, v_j] = T.float32(0)
                y[v_i, v_j] = y[v_i, v_j] + x[v_i, v_k] * w[v_k, v_j]

    @R.function
    def main(
        x: R.Tensor((32, 512), "float32"),
        w_up: R.Tensor((512, 2048), "float32"),
        b_up: R.Tensor((2048,), "float32"),
        w_down: R.Tensor((2048, 512), "float32"),
    ) -> R.Tensor((32, 512), "float32"):
        cls = FeedForward
        with R.dataflow():
            lv = R.call_tir(cls.up_proj, (x, w_up), out_ty=R.Tensor((32, 2048), "float32"))
            lv1 = R.call_tir(cls.bias_gelu, (lv, b_up), out_ty=R.Tensor((32, 2048), "float32"))
            lv2 = R.call_tir(cls.down_proj, (lv1, w_down), out_ty=R.Tensor((32, 512), "float32"))
            gv = R.add(lv2, x)
            R.output(gv)
        return gv
