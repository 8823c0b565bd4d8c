# A small T.alloc_buffer (16 floats, 64 bytes: stack) and a large one (64x64 floats, 16 KiB:
# heap), both written completely before they are read.
from tvm.script import tir as T


@T.prim_func
def two_stage(A: T.Buffer((64, 64), "float32"), B: T.Buffer((64, 64), "float32"), C: T.Buffer((16,), "float32")):
    T.func_attr({"global_symbol": "two_stage", "tir.noalias": True})
    big = T.alloc_buffer((64, 64), "float32")
    small = T.alloc_buffer((16,), "float32")
    for i, j in T.grid(64, 64):
        with T.block("square"):
            vi, vj = T.axis.remap("SS", [i, j])
            big[vi, vj] = A[vi, vj] * A[vi, vj]
    for i, j in T.grid(64, 64):
        with T.block("transpose_add"):
            vi, vj = T.axis.remap("SS", [i, j])
            B[vi, vj] = big[vj, vi] + A[vi, vj]
    for i, k in T.grid(16, 4):
        with T.block("pool"):
            vi, vk = T.axis.remap("SR", [i, k])
            with T.init():
                small[vi] = T.float32(0)
            small[vi] = small[vi] + big[vi * 4 + vk, vi]
    for i in range(16):
        with T.block("copy"):
            vi = T.axis.remap("S", [i])
            C[vi] = small[vi] - T.float32(1)
