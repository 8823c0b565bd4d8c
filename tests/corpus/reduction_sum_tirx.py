# tirx column/row reductions: sum over axis 0 with keepdims, and an int64 count of positive entries.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tirx as T


@I.ir_module(s_tir=True)
class Module:
    @T.prim_func(private=True, s_tir=True)
    def col_sum(
        A: T.Buffer((T.int64(4096), T.int64(64)), "float32"),
        S: T.Buffer((T.int64(1), T.int64(64)), "float32"),
    ):
        T.func_attr({"tirx.noalias": True})
        for ax0, ax1, k0 in T.grid(T.int64(1), T.int64(64), T.int64(4096)):
            with T.sblock("A_red"):
                v_ax0, v_ax1, v_k0 = T.axis.remap("SSR", [ax0, ax1, k0])
                T.reads(A[v_k0, v_ax1])
                T.writes(S[v_ax0, v_ax1])
                with T.init():
                    S[v_ax0, v_ax1] = T.float32(0)
                S[v_ax0, v_ax1] = S[v_ax0, v_ax1] + A[v_k0, v_ax1]

    @T.prim_func(private=True, s_tir=True)
    def count_positive(
        A: T.Buffer((T.int64(4096), T.int64(64)), "float32"),
        C: T.Buffer((T.int64(4096),), "int64"),
    ):
        T.func_attr({"tirx.noalias": True})
        for i, k in T.grid(T.int64(4096), T.int64(64)):
            with T.sblock("count"):
                v_i, v_k = T.axis.remap("SR", [i, k])
                T.reads(A[v_i, v_k])
                T.writes(C[v_i])
                with T.init():
                    C[v_i] = T.int64(0)
                C[v_i] = C[v_i] + T.Cast("int64", A[v_i, v_k] > T.float32(0))

    @R.function
    def main(
        x: R.Tensor((4096, 64), "float32")
    ) -> R.Tuple(R.Tensor((1, 64), "float32"), R.Tensor((4096,), "int64")):
        cls = Module
        with R.dataflow():
            s = R.call_tir(cls.col_sum, (x,), out_ty=R.Tensor((1, 64), "float32"))
            c = R.call_tir(cls.count_positive, (x,), out_ty=R.Tensor((4096,), "int64"))
            gv = (s, c)
            R.output(gv)
        return gv
