# tirx batched int8 x int8 -> int32 matmul with the B operand transposed (NT layout).
from tvm.script import tirx as T


@T.prim_func(s_tir=True)
def batch_matmul_nt_int8(
    A: T.Buffer((4, 128, 64), "int8"),
    B: T.Buffer((4, 256, 64), "int8"),
    C: T.Buffer((4, 128, 256), "int32"),
):
    T.func_attr({"tirx.noalias": True})
    for b, i, j, k in T.grid(4, 128, 256, 64):
        with T.sblock("NT_matmul"):
            v_b, v_i, v_j, v_k = T.axis.remap("SSSR", [b, i, j, k])
            T.reads(A[v_b, v_i, v_k], B[v_b, v_j, v_k])
            T.writes(C[v_b, v_i, v_j])
            with T.init():
                C[v_b, v_i, v_j] = 0
            C[v_b, v_i, v_j] = C[v_b, v_i, v_j] + T.Cast("int32", A[v_b, v_i, v_k]) * T.Cast(
                "int32", B[v_b, v_j, v_k]
            )
