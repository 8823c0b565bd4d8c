# Row-wise softmax over an 8x100 float32 matrix: max, exp, sum and normalize blocks with
# T.alloc_buffer intermediates in the implicit root block.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def softmax(A: T.Buffer((8, 100), "float32"), B: T.Buffer((8, 100), "float32")):
        T.func_attr({"global_symbol": "softmax", "tir.noalias": True})
        row_max = T.alloc_buffer((8,))
        row_exp = T.alloc_buffer((8, 100))
        row_sum = T.alloc_buffer((8,))
        for i, k in T.grid(8, 100):
            with T.block("row_max"):
                vi, vk = T.axis.remap("SR", [i, k])
                T.reads(A[vi, vk])
                T.writes(row_max[vi])
                with T.init():
                    row_max[vi] = T.min_value("float32")
                row_max[vi] = T.max(row_max[vi], A[vi, vk])
        for i, j in T.grid(8, 100):
            with T.block("row_exp"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj], row_max[vi])
                T.writes(row_exp[vi, vj])
                row_exp[vi, vj] = T.exp(A[vi, vj] - row_max[vi])
        for i, k in T.grid(8, 100):
            with T.block("row_sum"):
                vi, vk = T.axis.remap("SR", [i, k])
                T.reads(row_exp[vi, vk])
                T.writes(row_sum[vi])
                with T.init():
                    row_sum[vi] = T.float32(0)
                row_sum[vi] = row_sum[vi] + row_exp[vi, vk]
        for i, j in T.grid(8, 100):
            with T.block("normalize"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(row_exp[vi, vj], row_sum[vi])
                T.writes(B[vi, vj])
                B[vi, vj] = row_exp[vi, vj] / row_sum[vi]
