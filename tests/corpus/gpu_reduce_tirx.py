# tirx GPU row L2 norm: blockIdx.x rows, threadIdx.x partial sums in a shared sblock buffer, then a serial total.
from tvm.script import tirx as T


@T.prim_func(s_tir=True)
def row_l2_norm(A: T.Buffer((1024, 2048), "float32"), N: T.Buffer((1024,), "float32")):
    T.func_attr({"tirx.is_scheduled": True, "tirx.noalias": True})
    partial = T.sblock_alloc_buffer((1024, 256), scope="shared")
    for bx in T.thread_binding(1024, thread="blockIdx.x"):
        for tx in T.thread_binding(256, thread="threadIdx.x"):
            for k in T.serial(8):
                with T.sblock("partial"):
                    v_r = T.axis.spatial(1024, bx)
                    v_t = T.axis.spatial(256, tx)
                    v_k = T.axis.reduce(8, k)
                    T.reads(A[v_r, v_k * 256 + v_t])
                    T.writes(partial[v_r, v_t])
                    with T.init():
                        partial[v_r, v_t] = T.float32(0)
                    partial[v_r, v_t] = partial[v_r, v_t] + A[v_r, v_k * 256 + v_t] * A[v_r, v_k * 256 + v_t]
        for t in range(256):
            with T.sblock("total"):
                v_r = T.axis.spatial(1024, bx)
                v_t = T.axis.reduce(256, t)
                T.reads(partial[v_r, v_t])
                T.writes(N[v_r])
                with T.init():
                    N[v_r] = T.float32(0)
                N[v_r] = N[v_r] + partial[v_r, v_t]
        with T.sblock("sqrt"):
            v_r = T.axis.spatial(1024, bx)
            T.reads(N[v_r])
            T.writes(N[v_r])
            N[v_r] = T.sqrt(N[v_r])
