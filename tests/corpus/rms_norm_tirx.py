# tirx RMS norm over a symbolic sequence length n (match_buffer) with a Relax caller using "n" dims.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tirx as T


@I.ir_module(s_tir=True)
class Module:
    @T.prim_func(private=True, s_tir=True)
    def rms_norm(var_A: T.handle, W: T.Buffer((T.int64(2048),), "float16"), var_out: T.handle):
        T.func_attr({"tirx.noalias": True})
        n = T.int64()
        A = T.match_buffer(var_A, (T.int64(1), n, T.int64(2048)), "float16")
        out = T.match_buffer(var_out, (T.int64(1), n, T.int64(2048)), "float16")
        sq = T.sblock_alloc_buffer((T.int64(1), n))
        for b, t, k in T.grid(T.int64(1), n, T.int64(2048)):
            with T.sblock("sq"):
                v_b, v_t, v_k = T.axis.remap("SSR", [b, t, k])
                T.reads(A[v_b, v_t, v_k])
                T.writes(sq[v_b, v_t])
                with T.init():
                    sq[v_b, v_t] = T.float32(0)
                sq[v_b, v_t] = sq[v_b, v_t] + T.Cast("float32", A[v_b, v_t, v_k]) * T.Cast(
                    "float32", A[v_b, v_t, v_k]
                )
        for b, t, c in T.grid(T.int64(1), n, T.int64(2048)):
            with T.sblock("rms_norm"):
                v_b, v_t, v_c = T.axis.remap("SSS", [b, t, c])
                T.reads(A[v_b, v_t, v_c], W[v_c], sq[v_b, v_t])
                T.writes(out[v_b, v_t, v_c])
                out[v_b, v_t, v_c] = T.Cast(
                    "float16",
                    T.Cast("float32", A[v_b, v_t, v_c])
                    * T.rsqrt(sq[v_b, v_t] * T.float32(0.00048828125) + T.float32(1e-5))
                    * T.Cast("float32", W[v_c]),
                )

    @R.function
    def main(
        x: R.Tensor((1, "n", 2048), "float16"), w: R.Tensor((2048,), "float16")
    ) -> R.Tensor((1, "n", 2048), "float16"):
        n = T.int64()
        cls = Module
        with R.dataflow():
            gv = R.call_tir(cls.rms_norm, (x, w), out_ty=R.Tensor((1, n, 2048), "float16"))
            R.output(gv)
        return gv
