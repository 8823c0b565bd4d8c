# Scalar params, runtime asserts and typed let bindings (x: T.int32 = ...) in a flat loop nest.
from tvm.script import tir as T


@T.prim_func
def window_scale(
    A: T.Buffer((1024,), "float32"),
    B: T.Buffer((256,), "float32"),
    offset: T.int32,
    alpha: T.float32,
):
    T.func_attr({"global_symbol": "window_scale", "tir.noalias": True})
    assert 0 <= offset, "offset must be non-negative"
    assert offset <= 768, "window [offset, offset + 256) exceeds the input"
    half: T.float32 = alpha * T.float32(0.5)
    for i in range(256):
        src: T.int32 = offset + i
        lo: T.int32 = T.max(src - 1, 0)
        hi: T.int32 = T.min(src + 1, 1023)
        B[i] = (A[lo] + A[src] + A[hi]) * half
