# tirx + Relax: R.call_tir_inplace(..., inplace_indices=..., out_ty=...) for a KV-cache style update.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tirx as T


@I.ir_module(s_tir=True)
class Module:
    @T.prim_func(private=True, s_tir=True)
    def write_cache(
        cache: T.Buffer((T.int64(256), T.int64(8), T.int64(64)), "float16"),
        new_kv: T.Buffer((T.int64(16), T.int64(8), T.int64(64)), "float16"),
    ):
        T.func_attr({"tirx.noalias": True})
        for t, h, d in T.grid(T.int64(16), T.int64(8), T.int64(64)):
            with T.sblock("write_cache"):
                v_t, v_h, v_d = T.axis.remap("SSS", [t, h, d])
                T.reads(new_kv[v_t, v_h, v_d])
                T.writes(cache[v_t + T.int64(240), v_h, v_d])
                cache[v_t + T.int64(240), v_h, v_d] = new_kv[v_t, v_h, v_d]

    @T.prim_func(private=True, s_tir=True)
    def scale_and_norm(
        x: T.Buffer((T.int64(16), T.int64(512)), "float16"),
        norm: T.Buffer((T.int64(16),), "float32"),
    ):
        T.func_attr({"tirx.noalias": True})
        for i, j in T.grid(T.int64(16), T.int64(512)):
            with T.sblock("scale"):
                v_i, v_j = T.axis.remap("SS", [i, j])
                T.reads(x[v_i, v_j])
                T.writes(x[v_i, v_j])
                x[v_i, v_j] = x[v_i, v_j] * T.float16(0.5)
        for i, j in T.grid(T.int64(16), T.int64(512)):
            with T.sblock("norm"):
                v_i, v_j = T.axis.remap("SR", [i, j])
                T.reads(x[v_i, v_j])
                T.writes(norm[v_i])
                with T.init():
                    norm[v_i] = T.float32(0)
                norm[v_i] = norm[v_i] + T.Cast("float32", x[v_i, v_j]) * T.Cast("float32", x[v_i, v_j])

    @R.function
    def main(
        cache: R.Tensor((256, 8, 64), "float16"),
        kv: R.Tensor((16, 8, 64), "float16"),
        x: R.Tensor((16, 512), "float16"),
    ) -> R.Tuple(R.Tensor((256, 8, 64), "float16"), R.Tensor((16,), "float32")):
        cls = Module
        with R.dataflow():
            new_cache = R.call_tir_inplace(
                cls.write_cache,
                (cache, kv),
                inplace_indices=[0],
                out_ty=R.Tensor((256, 8, 64), "float16"),
            )
            res = R.call_tir_inplace(
                cls.scale_and_norm,
                (x,),
                inplace_indices=[0, -1],
                out_ty=[R.Tensor((16, 512), "float16"), R.Tensor((16,), "float32")],
            )
            nrm = res[1]
            gv = (new_cache, nrm)
            R.output(gv)
        return gv
