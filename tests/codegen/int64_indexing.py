# int64 loop variables and index arithmetic mixed with int32 values (int32 op int64 -> int64),
# typed T.int64 literals, and a flat view indexed with a computed int64 offset.
from tvm.script import tir as T


@T.prim_func
def flatten_rows(A: T.Buffer((T.int64(6), T.int64(10)), "float32"), B: T.Buffer((T.int64(60),), "float32"), Idx: T.Buffer((T.int64(60),), "int64")):
    T.func_attr({"global_symbol": "flatten_rows", "tir.noalias": True})
    for i, j in T.grid(T.int64(6), T.int64(10)):
        with T.block("flatten"):
            vi, vj = T.axis.remap("SS", [i, j])
            offset: T.int32 = 3
            flat: T.int64 = vi * T.int64(10) + vj
            B[flat] = A[vi, (vj + offset) % T.int64(10)]
            Idx[flat] = flat * T.int64(4294967296) + offset
