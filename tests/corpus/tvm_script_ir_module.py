# Module declared with `import tvm` + @tvm.script.ir_module: cumulative sum scan and a Relax caller.
import tvm
from tvm.script import relax as R
from tvm.script import tir as T


@tvm.script.ir_module
class CumsumModule:
    @T.prim_func
    def cumsum(A: T.Buffer((8, 512), "int32"), B: T.Buffer((8, 512), "int32")):
        T.func_attr({"tir.noalias": True})
        for i in T.parallel(8):
            for j in range(512):
                with T.block("cumsum"):
                    vi = T.axis.spatial(8, i)
                    vj = T.axis.opaque(512, j)
                    T.reads(A[vi, vj], B[vi, 0:512])
                    T.writes(B[vi, vj])
                    if vj == 0:
                        B[vi, vj] = A[vi, vj]
                    else:
                        B[vi, vj] = B[vi, vj - 1] + A[vi, vj]

    @R.function
    def main(x: R.Tensor((8, 512), "int32")) -> R.Tensor((8, 512), "int32"):
        cls = CumsumModule
        with R.dataflow():
            gv = R.call_tir(cls.cumsum, (x,), out_sinfo=R.Tensor((8, 512), "int32"))
            R.output(gv)
        return gv
