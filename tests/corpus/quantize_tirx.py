# tirx per-channel symmetric int8 quantization: absmax reduction, scale, round, clamp and cast.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tirx as T


@I.ir_module(s_tir=True)
class Module:
    @T.prim_func(private=True, s_tir=True)
    def quantize(
        W: T.Buffer((T.int64(4096), T.int64(1024)), "float16"),
        Q: T.Buffer((T.int64(4096), T.int64(1024)), "int8"),
        S: T.Buffer((T.int64(4096),), "float16"),
    ):
        T.func_attr({"tirx.noalias": True})
        absmax = T.sblock_alloc_buffer((T.int64(4096),), "float16")
        for i, k in T.grid(T.int64(4096), T.int64(1024)):
            with T.sblock("absmax"):
                v_i, v_k = T.axis.remap("SR", [i, k])
                T.reads(W[v_i, v_k])
                T.writes(absmax[v_i])
                with T.init():
                    absmax[v_i] = T.float16(0)
                absmax[v_i] = T.max(absmax[v_i], T.abs(W[v_i, v_k]))
        for i in range(T.int64(4096)):
            with T.sblock("scale"):
                v_i = T.axis.spatial(T.int64(4096), i)
                T.reads(absmax[v_i])
                T.writes(S[v_i])
                S[v_i] = T.max(absmax[v_i], T.float16(1e-4)) / T.float16(127)
        for i, j in T.grid(T.int64(4096), T.int64(1024)):
            with T.sblock("quant"):
                v_i, v_j = T.axis.remap("SS", [i, j])
                T.reads(W[v_i, v_j], S[v_i])
                T.writes(Q[v_i, v_j])
                Q[v_i, v_j] = T.Cast(
                    "int8",
                    T.min(T.max(T.round(W[v_i, v_j] / S[v_i]), T.float16(-127)), T.float16(127)),
                )

    @R.function
    def main(
        w: R.Tensor((4096, 1024), "float16")
    ) -> R.Tuple(R.Tensor((4096, 1024), "int8"), R.Tensor((4096,), "float16")):
        cls = Module
        with R.dataflow():
            gv = R.call_tir(
                cls.quantize,
                (w,),
                out_ty=[R.Tensor((4096, 1024), "int8"), R.Tensor((4096,), "float16")],
            )
            R.output(gv)
        return gv
