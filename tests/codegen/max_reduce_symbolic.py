# Row maxima over a symbolic number of columns: T.init with T.min_value, T.max, int64 shape vars.
# run: m=1, n=1
# run: m=3, n=7
# run: m=2, n=8
# run: m=4, n=9
# run: m=2, n=1000
from tvm.script import tir as T


@T.prim_func
def row_max(a: T.handle, b: T.handle):
    T.func_attr({"global_symbol": "row_max", "tir.noalias": True})
    m = T.int64()
    n = T.int64()
    A = T.match_buffer(a, (m, n), "float32")
    B = T.match_buffer(b, (m,), "float32")
    for i, k in T.grid(m, n):
        with T.block("B"):
            vi, vk = T.axis.remap("SR", [i, k])
            T.reads(A[vi, vk])
            T.writes(B[vi])
            with T.init():
                B[vi] = T.min_value("float32")
            B[vi] = T.max(B[vi], A[vi, vk])
