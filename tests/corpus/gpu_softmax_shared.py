# GPU softmax: one block per row, per-row max/sum reductions in shared memory, threadIdx.x strided loops.
from tvm.script import tir as T


@T.prim_func
def softmax_gpu(A: T.Buffer((256, 4096), "float16"), B: T.Buffer((256, 4096), "float16")):
    T.func_attr({"global_symbol": "softmax_gpu", "tir.is_scheduled": True, "tir.noalias": True})
    row_max = T.alloc_buffer((256,), scope="shared")
    row_sum = T.alloc_buffer((256,), scope="shared")
    for bx in T.thread_binding(256, thread="blockIdx.x"):
        for tx in T.thread_binding(128, thread="threadIdx.x"):
            for k in T.serial(32):
                with T.block("max"):
                    vr = T.axis.spatial(256, bx)
                    vk = T.axis.reduce(4096, k * 128 + tx)
                    T.reads(A[vr, vk])
                    T.writes(row_max[vr])
                    with T.init():
                        row_max[vr] = T.float32(-65504)
                    row_max[vr] = T.max(row_max[vr], T.Cast("float32", A[vr, vk]))
        for tx in T.thread_binding(128, thread="threadIdx.x"):
            for k in T.serial(32):
                with T.block("sum"):
                    vr = T.axis.spatial(256, bx)
                    vk = T.axis.reduce(4096, k * 128 + tx)
                    T.reads(A[vr, vk], row_max[vr])
                    T.writes(row_sum[vr])
                    with T.init():
                        row_sum[vr] = T.float32(0)
                    row_sum[vr] = row_sum[vr] + T.exp(T.Cast("float32", A[vr, vk]) - row_max[vr])
        for tx in T.thread_binding(128, thread="threadIdx.x"):
            for k in T.unroll(32):
                with T.block("norm"):
                    vr = T.axis.spatial(256, bx)
                    vc = T.axis.spatial(4096, k * 128 + tx)
                    T.reads(A[vr, vc], row_max[vr], row_sum[vr])
                    T.writes(B[vr, vc])
                    B[vr, vc] = T.Cast(
                        "float16", T.exp(T.Cast("float32", A[vr, vc]) - row_max[vr]) / row_sum[vr]
                    )
