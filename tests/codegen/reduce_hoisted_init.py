# Reductions whose T.init is hoisted out of the reduction loops: spatial axes computed from the
# outer loops, two reduction axes, and an empty reduction (m=0), for which init never runs.
# run: m=0
# run: m=1
# run: m=9
from tvm.script import tir as T


@T.prim_func
def row_sums(a: T.handle, s: T.handle):
    m = T.int32()
    A = T.match_buffer(a, (6, m, 3), "float32")
    S = T.match_buffer(s, (3,), "float32")
    for io, ii, k, r in T.grid(3, 2, m, 3):
        with T.block("sum"):
            vi = T.axis.spatial(6, io * 2 + ii)
            vk, vr = T.axis.remap("RR", [k, r])
            with T.init():
                S[vi // 2] = T.float32(7)
            S[vi // 2] = S[vi // 2] + A[vi, vk, vr]
