# tirx + Relax: causal attention scores for a symbolic sequence length "n" (QK^T, scale, mask), out_ty=.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tirx as T


@I.ir_module(s_tir=True)
class Attention:
    @T.prim_func(private=True, s_tir=True)
    def causal_scores(var_q: T.handle, var_k: T.handle, var_s: T.handle):
        T.func_attr({"tirx.noalias": True})
        n = T.int64()
        Q = T.match_buffer(var_q, (T.int64(8), n, T.int64(64)), "float16")
        K = T.match_buffer(var_k, (T.int64(8), n, T.int64(64)), "float16")
        S = T.match_buffer(var_s, (T.int64(8), n, n), "float32")
        for h, i, j, d in T.grid(T.int64(8), n, n, T.int64(64)):
            with T.sblock("scores"):
                v_h, v_i, v_j, v_d = T.axis.remap("SSSR", [h, i, j, d])
                T.reads(Q[v_h, v_i, v_d], K[v_h, v_j, v_d])
                T.writes(S[v_h, v_i, v_j])
                with T.init():
                    S[v_h, v_i, v_j] = T.float32(0)
                S[v_h, v_i, v_j] = S[v_h, v_i, v_j] + T.Cast("float32", Q[v_h, v_i, v_d]) * T.Cast(
                    "float32", K[v_h, v_j, v_d]
                )

    @T.prim_func(private=True, s_tir=True)
    def scale_mask(var_s: T.handle, var_o: T.handle):
        T.func_attr({"tirx.noalias": True})
        n = T.int64()
        S = T.match_buffer(var_s, (T.int64(8), n, n), "float32")
        O = T.match_buffer(var_o, (T.int64(8), n, n), "float32")
        for h, i, j in T.grid(T.int64(8), n, n):
            with T.sblock("scale_mask"):
                v_h, v_i, v_j = T.axis.remap("SSS", [h, i, j])
                T.reads(S[v_h, v_i, v_j])
                T.writes(O[v_h, v_i, v_j])
                O[v_h, v_i, v_j] = T.Select(
                    v_j <= v_i, S[v_h, v_i, v_j] * T.float32(0.125), T.min_value("float32")
                )

    @R.function
    def main(
        q: R.Tensor((8, "n", 64), "float16"), k: R.Tensor((8, "n", 64), "float16")
    ) -> R.Tensor((8, "n", "n"), "float32"):
        n = T.int64()
        cls = Attention
        with R.dataflow():
            s = R.call_tir(cls.causal_scores, (q, k), out_ty=R.Tensor((8, n, n), "float32"))
            gv = R.call_tir(cls.scale_mask, (s,), out_ty=R.Tensor((8, n, n), "float32"))
            R.output(gv)
        return gv
