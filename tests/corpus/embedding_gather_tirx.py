# tirx embedding lookup: int32 token ids index a (32000, 4096) float16 table; symbolic token count.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tirx as T


@I.ir_module(s_tir=True)
class Module:
    @T.prim_func(private=True, s_tir=True)
    def take(
        table: T.Buffer((T.int64(32000), T.int64(4096)), "float16"),
        var_ids: T.handle,
        var_out: T.handle,
    ):
        T.func_attr({"tirx.noalias": True})
        seq = T.int64()
        ids = T.match_buffer(var_ids, (seq,), "int32")
        out = T.match_buffer(var_out, (seq, T.int64(4096)), "float16")
        for t, d in T.grid(seq, T.int64(4096)):
            with T.sblock("T_take"):
                v_t, v_d = T.axis.remap("SS", [t, d])
                T.reads(table[ids[v_t], v_d], ids[v_t])
                T.writes(out[v_t, v_d])
                out[v_t, v_d] = table[ids[v_t], v_d]

    @R.function
    def embed(
        table: R.Tensor((32000, 4096), "float16"), ids: R.Tensor(("seq",), "int32")
    ) -> R.Tensor(("seq", 4096), "float16"):
        seq = T.int64()
        cls = Module
        with R.dataflow():
            gv = R.call_tir(cls.take, (table, ids), out_ty=R.Tensor((seq, 4096), "float16"))
            R.output(gv)
        return gv
