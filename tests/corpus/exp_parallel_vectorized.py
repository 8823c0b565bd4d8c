# Elementwise exp / log1p over 4096 floats: parallel outer loop, vectorized inner loop, no blocks.
from tvm.script import tir as T


@T.prim_func
def exp_kernel(A: T.Buffer((4096,), "float32"), B: T.Buffer((4096,), "float32")):
    T.func_attr({"global_symbol": "exp_kernel", "tir.noalias": True})
    for io in T.parallel(256):
        for ii in T.vectorized(16):
            B[io * 16 + ii] = T.exp(A[io * 16 + ii])


@T.prim_func
def softplus_kernel(A: T.Buffer((64, 64), "float32"), B: T.Buffer((64, 64), "float32")):
    T.func_attr({"global_symbol": "softplus_kernel", "tir.noalias": True})
    for i in T.parallel(64):
        for j in T.vectorized(64):
            B[i, j] = T.Select(
                A[i, j] > T.float32(20),
                A[i, j],
                T.log1p(T.exp(A[i, j])),
            )
