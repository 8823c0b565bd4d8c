# R.call_tir_inplace: scale a tensor in place (index 0), then a mixed in-place/fresh-output call.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func(private=True)
    def scale_inplace(A: T.Buffer((32, 64), "float32"), s: T.Buffer((64,), "float32")):
        T.func_attr({"tir.noalias": True})
        for i, j in T.grid(32, 64):
            with T.block("scale"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj], s[vj])
                T.writes(A[vi, vj])
                A[vi, vj] = A[vi, vj] * s[vj]

    @T.prim_func(private=True)
    def accumulate_and_norm(
        A: T.Buffer((32, 64), "float32"),
        B: T.Buffer((32, 64), "float32"),
        norm: T.Buffer((32,), "float32"),
    ):
        T.func_attr({"tir.noalias": True})
        for i, j in T.grid(32, 64):
            with T.block("accumulate"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj], B[vi, vj])
                T.writes(A[vi, vj])
                A[vi, vj] = A[vi, vj] + B[vi, vj]
        for i, j in T.grid(32, 64):
            with T.block("norm"):
                vi, vj = T.axis.remap("SR", [i, j])
                T.reads(A[vi, vj])
                T.writes(norm[vi])
                with T.init():
                    norm[vi] = T.float32(0)
                norm[vi] = norm[vi] + A[vi, vj] * A[vi, vj]

    @R.function
    def main(
        x: R.Tensor((32, 64), "float32"), y: R.Tensor((32, 64), "float32"), s: R.Tensor((64,), "float32")
    ) -> R.Tuple(R.Tensor((32, 64), "float32"), R.Tensor((32,), "float32")):
        cls = Module
        with R.dataflow():
            x1: R.Tensor((32, 64), "float32") = R.add(x, y)
            x2 = R.call_tir_inplace(
                cls.scale_inplace, (x1, s), inplace_indices=[0], out_sinfo=R.Tensor((32, 64), "float32")
            )
            res = R.call_tir_inplace(
                cls.accumulate_and_norm,
                (x2, y),
                inplace_indices=[0, -1],
                out_sinfo=[R.Tensor((32, 64), "float32"), R.Tensor((32,), "float32")],
            )
            acc = res[0]
            nrm = res[1]
            gv = (acc, nrm)
            R.output(gv)
        return gv
