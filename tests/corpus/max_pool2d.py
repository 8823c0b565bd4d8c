# 2x2 stride-2 max pooling over NCHW float32 with a min_value init and a block annotation.
from tvm.script import tir as T


@T.prim_func
def max_pool2d(A: T.Buffer((1, 64, 112, 112), "float32"), B: T.Buffer((1, 64, 56, 56), "float32")):
    T.func_attr({"global_symbol": "max_pool2d", "tir.noalias": True})
    for n, c, oh, ow, rh, rw in T.grid(1, 64, 56, 56, 2, 2):
        with T.block("pool_max"):
            v_n, v_c, v_oh, v_ow, v_rh, v_rw = T.axis.remap("SSSSRR", [n, c, oh, ow, rh, rw])
            T.reads(A[v_n, v_c, v_oh * 2 + v_rh, v_ow * 2 + v_rw])
            T.writes(B[v_n, v_c, v_oh, v_ow])
            T.block_attr({"schedule_rule": "meta_schedule.pool_max"})
            with T.init():
                B[v_n, v_c, v_oh, v_ow] = T.min_value("float32")
            B[v_n, v_c, v_oh, v_ow] = T.max(
                B[v_n, v_c, v_oh, v_ow], A[v_n, v_c, v_oh * 2 + v_rh, v_ow * 2 + v_rw]
            )


@T.prim_func
def max_pool1d_int8(A: T.Buffer((16, 128), "int8"), B: T.Buffer((16, 64), "int8")):
    T.func_attr({"global_symbol": "max_pool1d_int8", "tir.noalias": True})
    for i, j, r in T.grid(16, 64, 2):
        with T.block("pool1d"):
            vi, vj, vr = T.axis.remap("SSR", [i, j, r])
            T.reads(A[vi, vj * 2 + vr])
            T.writes(B[vi, vj])
            with T.init():
                B[vi, vj] = T.int8(-128)
            B[vi, vj] = T.max(B[vi, vj], A[vi, vj * 2 + vr])
