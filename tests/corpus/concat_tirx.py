# tirx concatenation along axis 1 of (n, 128) and (n, 64) with a symbolic batch and a Relax caller.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tirx as T


@I.ir_module(s_tir=True)
class Module:
    @T.prim_func(private=True, s_tir=True)
    def concat(var_a: T.handle, var_b: T.handle, var_out: T.handle):
        T.func_attr({"tirx.noalias": True})
        n = T.int64()
        A = T.match_buffer(var_a, (n, T.int64(128)), "float16")
        B = T.match_buffer(var_b, (n, T.int64(64)), "float16")
        Out = T.match_buffer(var_out, (n, T.int64(192)), "float16")
        for i, j in T.grid(n, T.int64(192)):
            with T.sblock("T_concat"):
                v_i, v_j = T.axis.remap("SS", [i, j])
                T.reads(A[v_i, v_j], B[v_i, v_j - T.int64(128)])
                T.writes(Out[v_i, v_j])
                Out[v_i, v_j] = T.if_then_else(
                    T.int64(128) <= v_j, B[v_i, v_j - T.int64(128)], A[v_i, v_j]
                )

    @R.function
    def main(
        a: R.Tensor(("n", 128), "float16"), b: R.Tensor(("n", 64), "float16")
    ) -> R.Tensor(("n", 192), "float16"):
        n = T.int64()
        cls = Module
        with R.dataflow():
            gv = R.call_tir(cls.concat, (a, b), out_ty=R.Tensor((n, 192), "float16"))
            R.output(gv)
        return gv
