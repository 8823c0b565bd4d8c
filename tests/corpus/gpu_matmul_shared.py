# Tiled GPU matmul (1024^3): shared-memory tiles, a local accumulator and thread-bound loops.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def main(
        A: T.Buffer((1024, 1024), "float32"),
        B: T.Buffer((1024, 1024), "float32"),
        C: T.Buffer((1024, 1024), "float32"),
    ):
        T.func_attr({"tir.is_scheduled": True, "tir.noalias": True})
        A_shared = T.alloc_buffer((1024, 1024), scope="shared")
        B_shared = T.alloc_buffer((1024, 1024), scope="shared")
        C_local = T.alloc_buffer((1024, 1024), scope="local")
        for by in T.thread_binding(64, thread="blockIdx.y"):
            for bx in T.thread_binding(64, thread="blockIdx.x"):
                for ty in T.thread_binding(16, thread="threadIdx.y"):
                    for tx in T.thread_binding(16, thread="threadIdx.x"):
                        for ko in range(64):
                            for ki in range(16):
                                with T.block("A_shared"):
                                    v0 = T.axis.spatial(1024, by * 16 + ty)
                                    v1 = T.axis.spatial(1024, ko * 16 + ki)
                                    T.where(tx == 0)
                                    T.reads(A[v0, v1])
                                    T.writes(A_shared[v0, v1])
                                    A_shared[v0, v1] = A[v0, v1]
                            for ki in range(16):
                                with T.block("B_shared"):
                                    v0 = T.axis.spatial(1024, ko * 16 + ki)
                                    v1 = T.axis.spatial(1024, bx * 16 + tx)
                                    T.where(ty == 0)
                                    T.reads(B[v0, v1])
                                    T.writes(B_shared[v0, v1])
                                    B_shared[v0, v1] = B[v0, v1]
                            for ki in range(16):
                                with T.block("C_local"):
                                    vi = T.axis.spatial(1024, by * 16 + ty)
                                    vj = T.axis.spatial(1024, bx * 16 + tx)
                                    vk = T.axis.reduce(1024, ko * 16 + ki)
                                    T.reads(A_shared[vi, vk], B_shared[vk, vj])
                                    T.writes(C_local[vi, vj])
                                    with T.init():
                                        C_local[vi, vj] = T.float32(0)
                                    C_local[vi, vj] = C_local[vi, vj] + A_shared[vi, vk] * B_shared[vk, vj]
                        with T.block("C_local_write"):
                            vi = T.axis.spatial(1024, by * 16 + ty)
                            vj = T.axis.spatial(1024, bx * 16 + tx)
                            T.reads(C_local[vi, vj])
                            T.writes(C[vi, vj])
                            C[vi, vj] = C_local[vi, vj]
