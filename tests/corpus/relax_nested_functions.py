# Relax calling Relax: a private residual block (matmul + TIR GELU + add) invoked twice from main.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tir as T


@I.ir_module
class Model:
    @T.prim_func(private=True)
    def gelu(
        A: T.Buffer((T.int64(4), T.int64(16)), "float32"),
        B: T.Buffer((T.int64(4), T.int64(16)), "float32"),
    ):
        T.func_attr({"tir.noalias": True})
        for i, j in T.grid(T.int64(4), T.int64(16)):
            with T.block("gelu"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                B[vi, vj] = (
                    T.float32(0.5)
                    * A[vi, vj]
                    * (T.float32(1) + T.erf(A[vi, vj] * T.float32(0.70710678118654757)))
                )

    @R.function(private=True)
    def residual_block(
        x: R.Tensor((4, 16), "float32"), w: R.Tensor((16, 16), "float32")
    ) -> R.Tensor((4, 16), "float32"):
        cls = Model
        with R.dataflow():
            lv: R.Tensor((4, 16), "float32") = R.matmul(x, w)
            lv1 = R.call_tir(cls.gelu, (lv,), out_sinfo=R.Tensor((4, 16), "float32"))
            gv = R.add(lv1, x)
            R.output(gv)
        return gv

    @R.function
    def main(
        x: R.Tensor((4, 16), "float32"),
        w1: R.Tensor((16, 16), "float32"),
        w2: R.Tensor((16, 16), "float32"),
    ) -> R.Tensor((4, 16), "float32"):
        cls = Model
        h = cls.residual_block(x, w1)
        y = cls.residual_block(h, w2)
        return y
