# Buffers with explicit strides and elem_offset bound by T.match_buffer (a column slice of a matrix).
from tvm.script import tir as T


@T.prim_func
def scale_column_block(a: T.handle, b: T.handle):
    T.func_attr({"global_symbol": "scale_column_block", "tir.noalias": True})
    off = T.int32()
    A = T.match_buffer(a, (128, 32), "float32", strides=(512, 1), elem_offset=off, offset_factor=1)
    B = T.match_buffer(b, (32, 128), "float32", strides=(1, 32))
    for i, j in T.grid(128, 32):
        with T.block("scale"):
            vi, vj = T.axis.remap("SS", [i, j])
            T.reads(A[vi, vj])
            T.writes(B[vj, vi])
            B[vj, vi] = A[vi, vj] * T.float32(2)


@T.prim_func
def copy_symbolic_strides(a: T.handle, b: T.handle):
    T.func_attr({"global_symbol": "copy_symbolic_strides", "tir.noalias": True})
    m = T.int32()
    n = T.int32()
    s0 = T.int32()
    A = T.match_buffer(a, (m, n), "float16", strides=(s0, 1))
    B = T.match_buffer(b, (m, n), "float16")
    for i, j in T.grid(m, n):
        B[i, j] = A[i, j]
