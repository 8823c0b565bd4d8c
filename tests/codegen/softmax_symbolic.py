# Softmax over a symbolic number of rows (int64) of 37 columns; the exp buffer is large enough
# (n * 37 floats) to live on the heap for big n, the per-row statistics are small.
# run: n=0
# run: n=1
# run: n=7
# run: n=8
# run: n=9
# run: n=1000
from tvm.script import tir as T


@T.prim_func
def softmax(a: T.handle, b: T.handle):
    T.func_attr({"global_symbol": "softmax", "tir.noalias": True})
    n = T.int64()
    A = T.match_buffer(a, (n, T.int64(37)), "float32")
    B = T.match_buffer(b, (n, T.int64(37)), "float32")
    T_max = T.alloc_buffer((n,))
    T_exp = T.alloc_buffer((n, T.int64(37)))
    T_sum = T.alloc_buffer((n,))
    for i, k in T.grid(n, T.int64(37)):
        with T.block("T_max"):
            v_i, v_k = T.axis.remap("SR", [i, k])
            T.reads(A[v_i, v_k])
            T.writes(T_max[v_i])
            with T.init():
                T_max[v_i] = T.float32(-3.4028234663852886e38)
            T_max[v_i] = T.max(T_max[v_i], A[v_i, v_k])
    for i, j in T.grid(n, T.int64(37)):
        with T.block("T_exp"):
            v_i, v_j = T.axis.remap("SS", [i, j])
            T.reads(A[v_i, v_j], T_max[v_i])
            T.writes(T_exp[v_i, v_j])
            T_exp[v_i, v_j] = T.exp(A[v_i, v_j] - T_max[v_i])
    for i, k in T.grid(n, T.int64(37)):
        with T.block("T_sum"):
            v_i, v_k = T.axis.remap("SR", [i, k])
            T.reads(T_exp[v_i, v_k])
            T.writes(T_sum[v_i])
            with T.init():
                T_sum[v_i] = T.float32(0)
            T_sum[v_i] = T_sum[v_i] + T_exp[v_i, v_k]
    for i, j in T.grid(n, T.int64(37)):
        with T.block("T_softmax"):
            v_i, v_j = T.axis.remap("SS", [i, j])
            T.reads(T_exp[v_i, v_j], T_sum[v_i])
            T.writes(B[v_i, v_j])
            B[v_i, v_j] = T_exp[v_i, v_j] / T_sum[v_i]
