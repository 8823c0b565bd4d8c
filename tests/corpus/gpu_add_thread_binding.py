# CUDA-style elementwise add: blockIdx.x/threadIdx.x thread_binding loops around a block.
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
