# tirx TIR-level T.call_tir: per-head 2-D kernel applied to 3-D head slices Q[h, 0:128, 0:64].
from tvm.script import ir as I
from tvm.script import tirx as T


@I.ir_module(s_tir=True)
class Heads:
    @T.prim_func(private=True, s_tir=True)
    def head_scale(
        X: T.Buffer((128, 64), "float32"), s: T.Buffer((64,), "float32"), Y: T.Buffer((128, 64), "float32")
    ):
        for i, d in T.grid(128, 64):
            with T.sblock("head_scale"):
                v_i, v_d = T.axis.remap("SS", [i, d])
                T.reads(X[v_i, v_d], s[v_d])
                T.writes(Y[v_i, v_d])
                Y[v_i, v_d] = X[v_i, v_d] * s[v_d]

    @T.prim_func(s_tir=True)
    def main(
        Q: T.Buffer((12, 128, 64), "float32"),
        scales: T.Buffer((12, 64), "float32"),
        Out: T.Buffer((12, 128, 64), "float32"),
    ):
        T.func_attr({"tirx.noalias": True})
        for h in range(12):
            T.call_tir(Heads.head_scale, Q[h, 0:128, 0:64], scales[h, 0:64], Out[h, 0:128, 0:64])
