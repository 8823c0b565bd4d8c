# A call_tir with two outputs (out_sinfo list -> R.Tuple) unpacked with lv[0] / lv[1].
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func(private=True)
    def split_halves(
        A: T.Buffer((T.int64(16), T.int64(512)), "float32"),
        Lo: T.Buffer((T.int64(16), T.int64(256)), "float32"),
        Hi: T.Buffer((T.int64(16), T.int64(256)), "float32"),
    ):
        T.func_attr({"tir.noalias": True})
        for i, j in T.grid(T.int64(16), T.int64(256)):
            with T.block("split"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj], A[vi, vj + T.int64(256)])
                T.writes(Lo[vi, vj], Hi[vi, vj])
                Lo[vi, vj] = A[vi, vj]
                Hi[vi, vj] = A[vi, vj + T.int64(256)]

    @T.prim_func(private=True)
    def swiglu(
        G: T.Buffer((T.int64(16), T.int64(256)), "float32"),
        U: T.Buffer((T.int64(16), T.int64(256)), "float32"),
        O: T.Buffer((T.int64(16), T.int64(256)), "float32"),
    ):
        T.func_attr({"tir.noalias": True})
        for i, j in T.grid(T.int64(16), T.int64(256)):
            with T.block("swiglu"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(G[vi, vj], U[vi, vj])
                T.writes(O[vi, vj])
                O[vi, vj] = G[vi, vj] * T.sigmoid(G[vi, vj]) * U[vi, vj]

    @R.function
    def main(x: R.Tensor((16, 512), "float32")) -> R.Tensor((16, 256), "float32"):
        cls = Module
        with R.dataflow():
            lv = R.call_tir(
                cls.split_halves,
                (x,),
                out_sinfo=[R.Tensor((16, 256), "float32"), R.Tensor((16, 256), "float32")],
            )
            lv1: R.Tensor((16, 256), "float32") = lv[0]
            lv2: R.Tensor((16, 256), "float32") = lv[1]
            gv = R.call_tir(cls.swiglu, (lv1, lv2), out_sinfo=R.Tensor((16, 256), "float32"))
            R.output(gv)
        return gv
