# tirx + Relax: a kernel with two outputs (out_ty list) producing mean and variance, unpacked via lv[0]/lv[1].
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tirx as T


@I.ir_module(s_tir=True)
class Module:
    @T.prim_func(private=True, s_tir=True)
    def mean_var(
        X: T.Buffer((T.int64(64), T.int64(256)), "float32"),
        Mean: T.Buffer((T.int64(64),), "float32"),
        Var: T.Buffer((T.int64(64),), "float32"),
    ):
        T.func_attr({"tirx.noalias": True})
        sq = T.sblock_alloc_buffer((T.int64(64),))
        for i, k in T.grid(T.int64(64), T.int64(256)):
            with T.sblock("sums"):
                v_i, v_k = T.axis.remap("SR", [i, k])
                T.reads(X[v_i, v_k])
                T.writes(Mean[v_i], sq[v_i])
                with T.init():
                    Mean[v_i] = T.float32(0)
                    sq[v_i] = T.float32(0)
                Mean[v_i] = Mean[v_i] + X[v_i, v_k] * T.float32(0.00390625)
                sq[v_i] = sq[v_i] + X[v_i, v_k] * X[v_i, v_k] * T.float32(0.00390625)
        for i in range(T.int64(64)):
            with T.sblock("var"):
                v_i = T.axis.spatial(T.int64(64), i)
                T.reads(sq[v_i], Mean[v_i])
                T.writes(Var[v_i])
                Var[v_i] = sq[v_i] - Mean[v_i] * Mean[v_i]

    @T.prim_func(private=True, s_tir=True)
    def standardize(
        X: T.Buffer((T.int64(64), T.int64(256)), "float32"),
        Mean: T.Buffer((T.int64(64),), "float32"),
        Var: T.Buffer((T.int64(64),), "float32"),
        Y: T.Buffer((T.int64(64), T.int64(256)), "float32"),
    ):
        T.func_attr({"tirx.noalias": True})
        for i, j in T.grid(T.int64(64), T.int64(256)):
            with T.sblock("standardize"):
                v_i, v_j = T.axis.remap("SS", [i, j])
                T.reads(X[v_i, v_j], Mean[v_i], Var[v_i])
                T.writes(Y[v_i, v_j])
                Y[v_i, v_j] = (X[v_i, v_j] - Mean[v_i]) / T.sqrt(Var[v_i] + T.float32(1e-6))

    @R.function
    def main(x: R.Tensor((64, 256), "float32")) -> R.Tensor((64, 256), "float32"):
        cls = Module
        with R.dataflow():
            lv = R.call_tir(
                cls.mean_var,
                (x,),
                out_ty=[R.Tensor((64,), "float32"), R.Tensor((64,), "float32")],
            )
            mean = lv[0]
            var = lv[1]
            gv = R.call_tir(cls.standardize, (x, mean, var), out_ty=R.Tensor((64, 256), "float32"))
            R.output(gv)
        return gv
