# R.call_tir with tir_vars: a padding kernel whose trailing T.int64 parameter receives the Relax shape var.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tir as T


@I.ir_module
class Padder:
    @T.prim_func(private=True)
    def pad_tail(a: T.handle, b: T.handle, n: T.int64):
        T.func_attr({"tir.noalias": True})
        A = T.match_buffer(a, (n, T.int64(64)), "float16")
        B = T.match_buffer(b, (n + T.int64(8), T.int64(64)), "float16")
        for i, j in T.grid(n + T.int64(8), T.int64(64)):
            with T.block("pad"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                B[vi, vj] = T.if_then_else(vi < n, A[vi, vj], T.float16(0))

    @T.prim_func(private=True)
    def shift_rows(a: T.handle, b: T.handle, m: T.int64, k: T.int64):
        T.func_attr({"tir.noalias": True})
        A = T.match_buffer(a, (m, T.int64(64)), "float16")
        B = T.match_buffer(b, (m, T.int64(64)), "float16")
        for i, j in T.grid(m, T.int64(64)):
            with T.block("shift"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[T.floormod(vi + k, m), vj])
                T.writes(B[vi, vj])
                B[vi, vj] = A[T.floormod(vi + k, m), vj]

    @R.function
    def main(x: R.Tensor(("n", 64), "float16")) -> R.Tensor(("n + 8", 64), "float16"):
        n = T.int64()
        cls = Padder
        with R.dataflow():
            lv = R.call_tir(
                cls.pad_tail, (x,), out_sinfo=R.Tensor((n + 8, 64), "float16"), tir_vars=R.shape([n])
            )
            gv = R.call_tir(
                cls.shift_rows,
                (lv,),
                out_sinfo=R.Tensor((n + 8, 64), "float16"),
                tir_vars=R.shape([n + 8, 3]),
            )
            R.output(gv)
        return gv
