# Split loops over a non-divisible extent (1000 = 32 x 32 with tail) guarded by T.where predicates.
from tvm.script import tir as T


@T.prim_func
def scale_1000(A: T.Buffer((1000,), "float32"), B: T.Buffer((1000,), "float32")):
    T.func_attr({"global_symbol": "scale_1000", "tir.noalias": True})
    for io in T.parallel(32):
        for ii in T.vectorized(32):
            with T.block("scale"):
                vi = T.axis.spatial(1000, io * 32 + ii)
                T.where(io * 32 + ii < 1000)
                T.reads(A[vi])
                T.writes(B[vi])
                B[vi] = A[vi] * T.float32(3)
    for io, ii in T.grid(T.ceildiv(1000, 128), 128):
        with T.block("offset"):
            vi = T.axis.spatial(1000, io * 128 + ii)
            T.where(io * 128 + ii < 1000)
            T.reads(B[vi])
            T.writes(B[vi])
            B[vi] = B[vi] - T.float32(1)
