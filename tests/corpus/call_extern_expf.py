# Calls into libm through T.call_extern("float32", "expf", ...) and T.call_pure_extern.
from tvm.script import tir as T


@T.prim_func
def sigmoid_extern(A: T.Buffer((2048,), "float32"), B: T.Buffer((2048,), "float32")):
    T.func_attr({"global_symbol": "sigmoid_extern", "tir.noalias": True})
    for i in range(2048):
        with T.block("sigmoid"):
            vi = T.axis.spatial(2048, i)
            T.reads(A[vi])
            T.writes(B[vi])
            B[vi] = T.float32(1) / (T.float32(1) + T.call_extern("float32", "expf", -A[vi]))
    for i in range(2048):
        with T.block("clip"):
            vi = T.axis.spatial(2048, i)
            T.reads(B[vi])
            T.writes(B[vi])
            B[vi] = T.call_pure_extern("float32", "fminf", B[vi], T.float32(0.99999))
    for i in range(2048):
        with T.block("log_odds"):
            vi = T.axis.spatial(2048, i)
            T.reads(B[vi])
            T.writes(B[vi])
            B[vi] = T.call_extern("float32", "logf", B[vi] / (T.float32(1) - B[vi]))
