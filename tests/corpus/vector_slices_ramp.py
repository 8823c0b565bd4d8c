# Vector code: slice copies B[0:4] = A[0:4], T.ramp / T.broadcast indices and float32x4 lanes.
from tvm.script import tir as T


@T.prim_func
def axpy_vec4(
    X: T.Buffer((1024,), "float32"),
    Y: T.Buffer((1024,), "float32"),
    Z: T.Buffer((1024,), "float32"),
    alpha: T.float32,
):
    T.func_attr({"global_symbol": "axpy_vec4", "tir.noalias": True})
    Z[0:4] = X[0:4]
    for i in range(1, 256):
        Z[T.ramp(i * 4, 1, 4)] = T.broadcast(alpha, 4) * X[T.ramp(i * 4, 1, 4)] + Y[
            T.ramp(i * 4, 1, 4)
        ]
    acc = T.decl_buffer((1,), "float32x4")
    acc[0] = T.broadcast(T.float32(0), 4)
    for i in range(256):
        acc[0] = acc[0] + Z[i * 4 : i * 4 + 4]
    Z[1020:1024] = acc[0]
