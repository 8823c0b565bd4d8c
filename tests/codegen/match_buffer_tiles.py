# Tensorize-style 8x8 tiles of a 32x32 matrix: T.match_buffer on block regions gives views that
# start at the region's first element and keep the outer buffer's strides.
from tvm.script import tir as T


@T.prim_func
def tiled_scale_add(A: T.Buffer((32, 32), "float32"), B: T.Buffer((32, 32), "float32"), C: T.Buffer((32, 32), "float32")):
    T.func_attr({"global_symbol": "tiled_scale_add", "tir.noalias": True})
    for io, jo in T.grid(4, 4):
        with T.block("tile"):
            vio, vjo = T.axis.remap("SS", [io, jo])
            T.reads(A[vio * 8 : vio * 8 + 8, vjo * 8 : vjo * 8 + 8], B[vio * 8 : vio * 8 + 8, vjo * 8 : vjo * 8 + 8])
            T.writes(C[vio * 8 : vio * 8 + 8, vjo * 8 : vjo * 8 + 8])
            A_tile = T.match_buffer(A[vio * 8 : vio * 8 + 8, vjo * 8 : vjo * 8 + 8], (8, 8), "float32", offset_factor=1)
            B_tile = T.match_buffer(B[vio * 8 : vio * 8 + 8, vjo * 8 : vjo * 8 + 8], (8, 8), "float32", offset_factor=1)
            C_tile = T.match_buffer(C[vio * 8 : vio * 8 + 8, vjo * 8 : vjo * 8 + 8], (8, 8), "float32", offset_factor=1)
            for i, j in T.grid(8, 8):
                with T.block("add"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    T.reads(A_tile[vi, vj], B_tile[vi, vj])
                    T.writes(C_tile[vi, vj])
                    C_tile[vi, vj] = A_tile[vi, vj] * T.float32(vio + 1) + B_tile[vi, vj]
