# Deliberate mistakes, one per line, to show what `tvmscript check` reports.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Mistakes:
    @T.prim_func
    def softmax(A: T.Buffer((64, 128), "float32"), B: T.Buffer((64, 128), "flaot32")):
        row_max = T.alloc_buffer((64,), "float32")
        for i, k in T.grid(64, 128):
            with T.block("max"):
                vi, vk = T.axis.remap("SR", [i, k])
                with T.init():
                    row_max[vi] = T.min_value("float32")
                row_max[vi] = T.max(row_max[vi], A[vi])
        for i, j in T.grid(64, 128):
            with T.block("exp"):
                vi, vj = T.axis.remap("SS", [i, j])
                B[vi, vj] = T.exp(A[vi, vj] - row_max[vi]) / (vj / 2)
        for i in T.serial(64):
            B[i, 0] = T.exp_(B[i, 0]) + bias[i]
