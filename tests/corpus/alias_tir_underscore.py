# Non-standard aliases: tir imported as tir_ and ir as ir_, used as @tir_.prim_func / @ir_.ir_module.
from tvm.script import ir as ir_
from tvm.script import tir as tir_


@ir_.ir_module
class Kernels:
    @tir_.prim_func
    def saxpy(
        X: tir_.Buffer((1024,), "float32"),
        Y: tir_.Buffer((1024,), "float32"),
        a: tir_.float32,
    ):
        tir_.func_attr({"tir.noalias": True})
        for i in range(1024):
            with tir_.block("saxpy"):
                vi = tir_.axis.remap("S", [i])
                tir_.reads(X[vi], Y[vi])
                tir_.writes(Y[vi])
                Y[vi] = a * X[vi] + Y[vi]

    @tir_.prim_func
    def zero(X: tir_.Buffer((1024,), "float32")):
        for i in tir_.vectorized(1024):
            X[i] = tir_.float32(0)
