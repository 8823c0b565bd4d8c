# tirx softmax over the last axis of (8, 12, 128) with T.sblock_alloc_buffer intermediates.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tirx as T


@I.ir_module(s_tir=True)
class Module:
    @T.prim_func(private=True, s_tir=True)
    def softmax(
        A: T.Buffer((T.int64(8), T.int64(12), T.int64(128)), "float32"),
        B: T.Buffer((T.int64(8), T.int64(12), T.int64(128)), "float32"),
    ):
        T.func_attr({"tirx.noalias": True})
        # with T.sblock("root"):
        T_maxelem = T.sblock_alloc_buffer((T.int64(8), T.int64(12)))
        T_exp = T.sblock_alloc_buffer((T.int64(8), T.int64(12), T.int64(128)))
        T_expsum = T.sblock_alloc_buffer((T.int64(8), T.int64(12)))
        for i0, i1, k in T.grid(T.int64(8), T.int64(12), T.int64(128)):
            with T.sblock("T_maxelem"):
                v_i0, v_i1, v_k = T.axis.remap("SSR", [i0, i1, k])
                T.reads(A[v_i0, v_i1, v_k])
                T.writes(T_maxelem[v_i0, v_i1])
                with T.init():
                    T_maxelem[v_i0, v_i1] = T.float32(-3.4028234663852886e38)
                T_maxelem[v_i0, v_i1] = T.max(T_maxelem[v_i0, v_i1], A[v_i0, v_i1, v_k])
        for i0, i1, i2 in T.grid(T.int64(8), T.int64(12), T.int64(128)):
            with T.sblock("T_exp"):
                v_i0, v_i1, v_i2 = T.axis.remap("SSS", [i0, i1, i2])
                T.reads(A[v_i0, v_i1, v_i2], T_maxelem[v_i0, v_i1])
                T.writes(T_exp[v_i0, v_i1, v_i2])
                T_exp[v_i0, v_i1, v_i2] = T.exp(A[v_i0, v_i1, v_i2] - T_maxelem[v_i0, v_i1])
        for i0, i1, k in T.grid(T.int64(8), T.int64(12), T.int64(128)):
            with T.sblock("T_expsum"):
                v_i0, v_i1, v_k = T.axis.remap("SSR", [i0, i1, k])
                T.reads(T_exp[v_i0, v_i1, v_k])
                T.writes(T_expsum[v_i0, v_i1])
                with T.init():
                    T_expsum[v_i0, v_i1] = T.float32(0)
                T_expsum[v_i0, v_i1] = T_expsum[v_i0, v_i1] + T_exp[v_i0, v_i1, v_k]
        for i0, i1, i2 in T.grid(T.int64(8), T.int64(12), T.int64(128)):
            with T.sblock("T_softmax_norm"):
                v_i0, v_i1, v_i2 = T.axis.remap("SSS", [i0, i1, i2])
                T.reads(T_exp[v_i0, v_i1, v_i2], T_expsum[v_i0, v_i1])
                T.writes(B[v_i0, v_i1, v_i2])
                T.sblock_attr({"axis": 2})
                B[v_i0, v_i1, v_i2] = T_exp[v_i0, v_i1, v_i2] / T_expsum[v_i0, v_i1]

    @R.function
    def main(x: R.Tensor((8, 12, 128), "float32")) -> R.Tensor((8, 12, 128), "float32"):
        cls = Module
        with R.dataflow():
            gv = R.call_tir(cls.softmax, (x,), out_ty=R.Tensor((8, 12, 128), "float32"))
            R.output(gv)
        return gv
