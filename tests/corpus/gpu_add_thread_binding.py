# CUDA-style elementwise kernels: blockIdx.x/threadIdx.x thread_binding loops around blocks.
from tvm.script import tir as T


@T.prim_func
def gpu_add(
    A: T.Buffer((65536,), "float32"),
    B: T.Buffer((65536,), "float32"),
    C: T.Buffer((65536,), "float32"),
):
    T.func_attr({"global_symbol": "gpu_add", "target": T.target("cuda"), "tir.noalias": True})
    for bx in T.thread_binding(256, thread="blockIdx.x"):
        for tx in T.thread_binding(256, thread="threadIdx.x"):
            with T.block("C"):
                vi = T.axis.spatial(65536, bx * 256 + tx)
                T.reads(A[vi], B[vi])
                T.writes(C[vi])
                C[vi] = A[vi] + B[vi]


@T.prim_func
def gpu_scale_2d(A: T.Buffer((1024, 1024), "float16"), B: T.Buffer((1024, 1024), "float16")):
    T.func_attr({"global_symbol": "gpu_scale_2d", "tir.noalias": True})
    for by in T.thread_binding(64, thread="blockIdx.y"):
        for bx in T.thread_binding(64, thread="blockIdx.x"):
            for ty in T.thread_binding(16, thread="threadIdx.y"):
                for tx in T.thread_binding(16, thread="threadIdx.x"):
                    with T.block("B"):
                        vi = T.axis.spatial(1024, by * 16 + ty)
                        vj = T.axis.spatial(1024, bx * 16 + tx)
                        T.reads(A[vi, vj])
                        T.writes(B[vi, vj])
                        B[vi, vj] = A[vi, vj] * T.float16(0.125)
