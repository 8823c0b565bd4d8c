# tirx scheduled GPU GEMM fragment: thread_binding loops, shared/local sblock_alloc_buffer, vectorized loads.
from tvm.script import tirx as T


@T.prim_func(s_tir=True)
def gemm_gpu(
    A: T.Buffer((2048, 2048), "float16"),
    B: T.Buffer((2048, 2048), "float16"),
    C: T.Buffer((2048, 2048), "float16"),
):
    T.func_attr({"tirx.is_scheduled": True, "tirx.noalias": True})
    A_sh = T.sblock_alloc_buffer((2048, 2048), "float16", scope="shared")
    C_loc = T.sblock_alloc_buffer((2048, 2048), "float32", scope="local")
    for bx in T.thread_binding(128, thread="blockIdx.x"):
        for by in T.thread_binding(128, thread="blockIdx.y"):
            for tx in T.thread_binding(16, thread="threadIdx.x"):
                for ko in range(128):
                    for ax in T.vectorized(16):
                        with T.sblock("A_sh"):
                            v0 = T.axis.spatial(2048, by * 16 + tx)
                            v1 = T.axis.spatial(2048, ko * 16 + ax)
                            T.reads(A[v0, v1])
                            T.writes(A_sh[v0, v1])
                            A_sh[v0, v1] = A[v0, v1]
                    for ki, j in T.grid(16, 16):
                        with T.sblock("C_loc"):
                            v_i = T.axis.spatial(2048, by * 16 + tx)
                            v_j = T.axis.spatial(2048, bx * 16 + j)
                            v_k = T.axis.reduce(2048, ko * 16 + ki)
                            T.reads(A_sh[v_i, v_k], B[v_k, v_j])
                            T.writes(C_loc[v_i, v_j])
                            with T.init():
                                C_loc[v_i, v_j] = T.float32(0)
                            C_loc[v_i, v_j] = C_loc[v_i, v_j] + T.Cast("float32", A_sh[v_i, v_k]) * T.Cast(
                                "float32", B[v_k, v_j]
                            )
                for j in range(16):
                    with T.sblock("C_store"):
                        v_i = T.axis.spatial(2048, by * 16 + tx)
                        v_j = T.axis.spatial(2048, bx * 16 + j)
                        T.reads(C_loc[v_i, v_j])
                        T.writes(C[v_i, v_j])
                        C[v_i, v_j] = T.Cast("float16", C_loc[v_i, v_j])
