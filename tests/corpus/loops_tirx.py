# tirx (TIRx, no sblocks) flat loop nests: T.parallel / T.unroll / T.vectorized with vector slices.
from tvm.script import tirx as T


@T.prim_func
def bilinear_upsample_2x(A: T.Buffer((64, 32, 32), "float32"), B: T.Buffer((64, 64, 64), "float32")):
    T.func_attr({"tirx.noalias": True})
    for c in T.parallel(64):
        for y in range(64):
            for xo in T.unroll(8):
                for xi in T.vectorized(8):
                    B[c, y, xo * 8 + xi] = T.float32(0.5) * (
                        A[c, y // 2, (xo * 8 + xi) // 2]
                        + A[c, T.min(y // 2 + y % 2, 31), T.min((xo * 8 + xi) // 2 + xi % 2, 31)]
                    )


@T.prim_func
def copy_head_vectors(A: T.Buffer((64, 32, 32), "float32"), B: T.Buffer((64, 4), "float32")):
    T.func_attr({"tirx.noalias": True})
    for c in T.parallel(64):
        B[c, 0:4] = A[c, 0, 0:4]


@T.prim_func
def fill_ramp(Out: T.Buffer((256,), "int32")):
    for i in range(64):
        Out[T.ramp(i * 4, 1, 4)] = T.ramp(i * 4, 1, 4) * T.broadcast(2, 4)
