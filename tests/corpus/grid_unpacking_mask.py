# Loop-target unpacking: T.grid(*A.shape) bound as a list for T.axis.remap, starred targets, and a bool mask.
from tvm.script import tir as T


@T.prim_func
def masked_fill_scale(
    A: T.Buffer((32, 64), "float32"),
    mask: T.Buffer((32, 64), "bool"),
    B: T.Buffer((32, 64), "float32"),
):
    T.func_attr({"global_symbol": "masked_fill_scale", "tir.noalias": True})
    for iters in T.grid(*A.shape):
        with T.block("masked_fill"):
            vi, vj = T.axis.remap("SS", iters)
            T.reads(A[vi, vj], mask[vi, vj])
            T.writes(B[vi, vj])
            B[vi, vj] = T.Select(mask[vi, vj], T.float32(-10000), A[vi, vj])
    for *outer, j in T.grid(32, 64):
        with T.block("scale_last"):
            vi = T.axis.spatial(32, outer[0])
            vj = T.axis.spatial(64, j)
            T.reads(B[vi, vj])
            T.writes(B[vi, vj])
            B[vi, vj] = B[vi, vj] * T.float32(0.5)
