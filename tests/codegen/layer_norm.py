# Layer normalization over rows of 24 elements with a symbolic row count: mean and mean-of-squares
# reductions with T.init, then T.rsqrt, gamma and beta.
# run: n=1
# run: n=7
# run: n=8
# run: n=9
# run: n=1000
from tvm.script import tir as T


@T.prim_func
def layer_norm(a: T.handle, gamma: T.Buffer((24,), "float32"), beta: T.Buffer((24,), "float32"), b: T.handle):
    T.func_attr({"global_symbol": "layer_norm", "tir.noalias": True})
    n = T.int32()
    A = T.match_buffer(a, (n, 24), "float32")
    B = T.match_buffer(b, (n, 24), "float32")
    sums = T.alloc_buffer((n,))
    squares = T.alloc_buffer((n,))
    for i, k in T.grid(n, 24):
        with T.block("moments"):
            vi, vk = T.axis.remap("SR", [i, k])
            with T.init():
                sums[vi] = T.float32(0)
                squares[vi] = T.float32(0)
            sums[vi] = sums[vi] + A[vi, vk]
            squares[vi] = squares[vi] + A[vi, vk] * A[vi, vk]
    for i, j in T.grid(n, 24):
        with T.block("normalize"):
            vi, vj = T.axis.remap("SS", [i, j])
            mean: T.float32 = sums[vi] * T.float32(1.0 / 24)
            variance: T.float32 = squares[vi] * T.float32(1.0 / 24) - mean * mean
            B[vi, vj] = (A[vi, vj] - mean) * T.rsqrt(T.max(variance, T.float32(0)) + T.float32(1e-5)) * gamma[vj] + beta[vj]
