# tirx + Relax (v0.26 style): a scalar R.Prim("float32") passed positionally in the call_tir args tuple.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tirx as T


@I.ir_module(s_tir=True)
class Module:
    @T.prim_func(s_tir=True)
    def scaled_residual(
        A: T.Buffer((T.int64(1024),), "float16"),
        alpha: T.float32,
        B: T.Buffer((T.int64(1024),), "float16"),
        C: T.Buffer((T.int64(1024),), "float16"),
    ):
        T.func_attr({"tirx.noalias": True})
        for i in range(T.int64(1024)):
            with T.sblock("scaled_residual"):
                v_i = T.axis.spatial(T.int64(1024), i)
                T.reads(A[v_i], B[v_i])
                T.writes(C[v_i])
                C[v_i] = A[v_i] + T.Cast("float16", alpha) * B[v_i]

    @R.function
    def main(
        x: R.Tensor((1024,), "float16"), alpha: R.Prim("float32"), y: R.Tensor((1024,), "float16")
    ) -> R.Tensor((1024,), "float16"):
        cls = Module
        z = R.call_tir(cls.scaled_residual, (x, alpha, y), out_ty=R.Tensor((1024,), "float16"))
        return z
