# RMS norm for float16 activations (float32 accumulator, T.Cast) called from Relax via call_tir.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func(private=True)
    def rms_norm(
        A: T.Buffer((T.int64(1), T.int64(32), T.int64(4096)), "float16"),
        W: T.Buffer((T.int64(4096),), "float16"),
        Out: T.Buffer((T.int64(1), T.int64(32), T.int64(4096)), "float16"),
    ):
        T.func_attr({"tir.noalias": True})
        sq_sum = T.alloc_buffer((T.int64(1), T.int64(32)))
        for b, t, k in T.grid(T.int64(1), T.int64(32), T.int64(4096)):
            with T.block("sq_sum"):
                v_b, v_t, v_k = T.axis.remap("SSR", [b, t, k])
                T.reads(A[v_b, v_t, v_k])
                T.writes(sq_sum[v_b, v_t])
                with T.init():
                    sq_sum[v_b, v_t] = T.float32(0)
                sq_sum[v_b, v_t] = sq_sum[v_b, v_t] + T.Cast("float32", A[v_b, v_t, v_k]) * T.Cast(
                    "float32", A[v_b, v_t, v_k]
                )
        for b, t, c in T.grid(T.int64(1), T.int64(32), T.int64(4096)):
            with T.block("rms_norm"):
                v_b, v_t, v_c = T.axis.remap("SSS", [b, t, c])
                T.reads(A[v_b, v_t, v_c], W[v_c], sq_sum[v_b, v_t])
                T.writes(Out[v_b, v_t, v_c])
                Out[v_b, v_t, v_c] = T.Cast(
                    "float16",
                    T.Cast("float32", W[v_c])
                    * (
                        T.Cast("float32", A[v_b, v_t, v_c])
                        / T.sqrt(sq_sum[v_b, v_t] / T.float32(4096) + T.float32(1e-6))
                    ),
                )

    @R.function
    def main(
        x: R.Tensor((1, 32, 4096), "float16"), w: R.Tensor((4096,), "float16")
    ) -> R.Tensor((1, 32, 4096), "float16"):
        cls = Module
        with R.dataflow():
            y = R.call_tir(cls.rms_norm, (x, w), out_sinfo=R.Tensor((1, 32, 4096), "float16"))
            R.output(y)
        return y
