# Tensorize-style 16x16 tiles: T.match_buffer on block regions, T.block_attr and explicit region reads/writes.
from tvm.script import tir as T


@T.prim_func
def tiled_add(
    A: T.Buffer((128, 128), "float16"),
    B: T.Buffer((128, 128), "float16"),
    C: T.Buffer((128, 128), "float16"),
):
    T.func_attr({"global_symbol": "tiled_add", "tir.noalias": True})
    for io, jo in T.grid(8, 8):
        with T.block("tile"):
            vio, vjo = T.axis.remap("SS", [io, jo])
            T.reads(
                A[vio * 16 : vio * 16 + 16, vjo * 16 : vjo * 16 + 16],
                B[vio * 16 : vio * 16 + 16, vjo * 16 : vjo * 16 + 16],
            )
            T.writes(C[vio * 16 : vio * 16 + 16, vjo * 16 : vjo * 16 + 16])
            T.block_attr({"meta_schedule.auto_tensorize": "tile_add_16x16_f16", "warp_execution": 1})
            A_tile = T.match_buffer(
                A[vio * 16 : vio * 16 + 16, vjo * 16 : vjo * 16 + 16], (16, 16), "float16", offset_factor=16
            )
            B_tile = T.match_buffer(
                B[vio * 16 : vio * 16 + 16, vjo * 16 : vjo * 16 + 16], (16, 16), "float16", offset_factor=16
            )
            C_tile = T.match_buffer(
                C[vio * 16 : vio * 16 + 16, vjo * 16 : vjo * 16 + 16], (16, 16), "float16", offset_factor=16
            )
            for i, j in T.grid(16, 16):
                with T.block("add"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    T.reads(A_tile[vi, vj], B_tile[vi, vj])
                    T.writes(C_tile[vi, vj])
                    C_tile[vi, vj] = A_tile[vi, vj] + B_tile[vi, vj]
