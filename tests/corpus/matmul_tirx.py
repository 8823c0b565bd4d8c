# tirx 512x512x256 float16 matmul with float32 accumulation in an s_tir IRModule.
from tvm.script import ir as I
from tvm.script import tirx as T


@I.ir_module(s_tir=True)
class Module:
    @T.prim_func(s_tir=True)
    def matmul(
        A: T.Buffer((512, 256), "float16"),
        B: T.Buffer((256, 512), "float16"),
        C: T.Buffer((512, 512), "float32"),
    ):
        T.func_attr({"tirx.noalias": True})
        for i, j, k in T.grid(512, 512, 256):
            with T.sblock("matmul"):
                v_i, v_j, v_k = T.axis.remap("SSR", [i, j, k])
                T.reads(A[v_i, v_k], B[v_k, v_j])
                T.writes(C[v_i, v_j])
                with T.init():
                    C[v_i, v_j] = T.float32(0)
                C[v_i, v_j] = C[v_i, v_j] + T.Cast("float32", A[v_i, v_k]) * T.Cast("float32", B[v_k, v_j])
