# R.match_cast from an unknown-shape tensor to (m, k), then a call_tir whose shapes depend on m/k.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func(private=True)
    def row_mean(a: T.handle, b: T.handle):
        T.func_attr({"tir.noalias": True})
        m = T.int64()
        k = T.int64()
        A = T.match_buffer(a, (m, k))
        B = T.match_buffer(b, (m,))
        for i, j in T.grid(m, k):
            with T.block("row_sum"):
                vi, vj = T.axis.remap("SR", [i, j])
                T.reads(A[vi, vj])
                T.writes(B[vi])
                with T.init():
                    B[vi] = T.float32(0)
                B[vi] = B[vi] + A[vi, vj]
        for i in range(m):
            with T.block("row_div"):
                vi = T.axis.spatial(m, i)
                T.reads(B[vi])
                T.writes(B[vi])
                B[vi] = B[vi] / T.Cast("float32", k)

    @R.function
    def main(x: R.Tensor(dtype="float32", ndim=2)) -> R.Tensor(dtype="float32", ndim=1):
        m = T.int64()
        k = T.int64()
        cls = Module
        x1 = R.match_cast(x, R.Tensor((m, k), "float32"))
        with R.dataflow():
            y = R.call_tir(cls.row_mean, (x1,), out_sinfo=R.Tensor((m,), "float32"))
            R.output(y)
        return y
