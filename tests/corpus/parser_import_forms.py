# Imports via tvm.script.parser (ir/relax/tir): a bf16 -> f32 upcast kernel called from Relax.
from tvm.script.parser import ir as I
from tvm.script.parser import relax as R
from tvm.script.parser import tir as T


@I.ir_module
class Module:
    @T.prim_func(private=True)
    def upcast(
        A: T.Buffer((T.int64(32), T.int64(2048)), "bfloat16"),
        B: T.Buffer((T.int64(32), T.int64(2048)), "float32"),
    ):
        T.func_attr({"tir.noalias": True})
        for i, j in T.grid(T.int64(32), T.int64(2048)):
            with T.block("upcast"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                B[vi, vj] = T.Cast("float32", A[vi, vj])

    @R.function
    def main(x: R.Tensor((32, 2048), "bfloat16")) -> R.Tensor((32, 2048), "float32"):
        cls = Module
        with R.dataflow():
            gv = R.call_tir(cls.upcast, (x,), out_sinfo=R.Tensor((32, 2048), "float32"))
            R.output(gv)
        return gv
