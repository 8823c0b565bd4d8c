# Mix of an opaque external kernel (R.call_dps_packed) and an in-module call_tir on its result.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func(private=True)
    def add_residual(
        A: T.Buffer((T.int64(4), T.int64(1024)), "float16"),
        B: T.Buffer((T.int64(4), T.int64(1024)), "float16"),
        C: T.Buffer((T.int64(4), T.int64(1024)), "float16"),
    ):
        T.func_attr({"tir.noalias": True})
        for i, j in T.grid(T.int64(4), T.int64(1024)):
            with T.block("add"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj], B[vi, vj])
                T.writes(C[vi, vj])
                C[vi, vj] = A[vi, vj] + B[vi, vj]

    @R.function
    def main(
        x: R.Tensor((4, 1024), "float16"), w: R.Tensor((1024, 1024), "float16")
    ) -> R.Tensor((4, 1024), "float16"):
        cls = Module
        with R.dataflow():
            proj = R.call_dps_packed(
                "cutlass.gemm_fp16_fp16_fp16", (x, w), out_sinfo=R.Tensor((4, 1024), "float16")
            )
            gv = R.call_tir(cls.add_residual, (proj, x), out_sinfo=R.Tensor((4, 1024), "float16"))
            R.output(gv)
        return gv
