# A module whose main increments A[0] through a TIR-level call_tir, and a Relax entry point.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tir as T


@I.ir_module
class Mod:
    @T.prim_func
    def main(A: T.Buffer((8,), "int8")):
        T.call_tir(Mod.add_one, A[0:1])

    @T.prim_func(private=True)
    def add_one(X: T.Buffer((1,), "int8")):
        X[0] = X[0] + T.int8(1)

    @T.prim_func(private=True)
    def scale(A: T.Buffer((16, 16), "float32"), B: T.Buffer((16, 16), "float32")):
        for i, j in T.grid(16, 16):
            with T.block("scale"):
                vi, vj = T.axis.remap("SS", [i, j])
                B[vi, vj] = A[vi, vj] * T.float32(2)

    @R.function
    def entry(x: R.Tensor((16, 16), "float32")) -> R.Tensor((16, 16), "float32"):
        cls = Mod
        with R.dataflow():
            y = R.call_tir(cls.scale, (x,), out_sinfo=R.Tensor((16, 16), "float32"))
            R.output(y)
        return y
