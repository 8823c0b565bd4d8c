# tirx split/fused loops with T.where tail predicates, T.sblock_attr and an annotated T.serial loop.
from tvm.script import tirx as T


@T.prim_func(s_tir=True)
def bias_relu_tail(
    A: T.Buffer((T.int64(1000), T.int64(100)), "float32"),
    bias: T.Buffer((T.int64(100),), "float32"),
    B: T.Buffer((T.int64(1000), T.int64(100)), "float32"),
):
    T.func_attr({"tirx.noalias": True})
    for fused_0 in T.parallel(T.int64(1563)):
        for fused_1 in T.serial(T.int64(64), annotations={"pragma_auto_unroll_max_step": 64}):
            with T.sblock("bias_relu"):
                v0 = T.axis.spatial(T.int64(1000), (fused_0 * T.int64(64) + fused_1) // T.int64(100))
                v1 = T.axis.spatial(T.int64(100), (fused_0 * T.int64(64) + fused_1) % T.int64(100))
                T.where(fused_0 * T.int64(64) + fused_1 < T.int64(100000))
                T.reads(A[v0, v1], bias[v1])
                T.writes(B[v0, v1])
                T.sblock_attr({"meta_schedule.parallel": 64, "meta_schedule.vectorize": 32})
                B[v0, v1] = T.max(A[v0, v1] + bias[v1], T.float32(0))
