# Buffers with explicit strides and elem_offset: a static padded-row view, and a view whose row
# stride and offset are symbolic (bound from the trailing shape-variable arguments).
# run: n=1, s0=1, off=0
# run: n=7, s0=9, off=3
# run: n=8, s0=8, off=0
# run: n=9, s0=12, off=5
# run: n=1000, s0=4, off=2
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def scale_padded_rows(a: T.handle, b: T.handle):
        T.func_attr({"global_symbol": "scale_padded_rows", "tir.noalias": True})
        A = T.match_buffer(a, (8, 5), "float32", strides=(7, 1), elem_offset=3)
        B = T.match_buffer(b, (5, 8), "float32", strides=(1, 5))
        for i, j in T.grid(8, 5):
            with T.block("scale"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj])
                T.writes(B[vj, vi])
                B[vj, vi] = A[vi, vj] * T.float32(2)

    @T.prim_func
    def copy_symbolic_strides(a: T.handle, b: T.handle):
        T.func_attr({"global_symbol": "copy_symbolic_strides", "tir.noalias": True})
        n = T.int32()
        s0 = T.int32()
        off = T.int32()
        A = T.match_buffer(a, (n, 3), "float32", strides=(s0, 1), elem_offset=off)
        B = T.match_buffer(b, (n, 3), "float32")
        for i, j in T.grid(n, 3):
            B[i, j] = A[i, j] + T.float32(1)
