# Matmul with symbolic int32 sizes m, k, n (declared in first-use order) and T.init.
# run: m=1, k=1, n=1
# run: m=7, k=3, n=9
# run: m=8, k=8, n=8
# run: m=9, k=7, n=1
# run: m=3, k=1000, n=2
# run: m=0, k=4, n=4
from tvm.script import tir as T


@T.prim_func
def matmul(a: T.handle, b: T.handle, c: T.handle):
    T.func_attr({"global_symbol": "matmul", "tir.noalias": True})
    m = T.int32()
    k = T.int32()
    n = T.int32()
    A = T.match_buffer(a, (m, k), "float32")
    B = T.match_buffer(b, (k, n), "float32")
    C = T.match_buffer(c, (m, n), "float32")
    for i, j, r in T.grid(m, n, k):
        with T.block("C"):
            vi, vj, vr = T.axis.remap("SSR", [i, j, r])
            T.reads(A[vi, vr], B[vr, vj])
            T.writes(C[vi, vj])
            with T.init():
                C[vi, vj] = T.float32(0)
            C[vi, vj] = C[vi, vj] + A[vi, vr] * B[vr, vj]
