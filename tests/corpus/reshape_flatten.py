# Reshape (8, 16, 32) -> (128, 32) -> (4096,) using floordiv/floormod index arithmetic.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func(private=True)
    def reshape_2d(
        A: T.Buffer((T.int64(8), T.int64(16), T.int64(32)), "float32"),
        B: T.Buffer((T.int64(128), T.int64(32)), "float32"),
    ):
        T.func_attr({"tir.noalias": True})
        for i, j in T.grid(T.int64(128), T.int64(32)):
            with T.block("T_reshape"):
                v_i, v_j = T.axis.remap("SS", [i, j])
                T.reads(A[v_i // T.int64(16), v_i % T.int64(16), v_j])
                T.writes(B[v_i, v_j])
                B[v_i, v_j] = A[v_i // T.int64(16), v_i % T.int64(16), v_j]

    @T.prim_func(private=True)
    def flatten(
        A: T.Buffer((T.int64(128), T.int64(32)), "float32"),
        B: T.Buffer((T.int64(4096),), "float32"),
    ):
        T.func_attr({"tir.noalias": True})
        for i in range(T.int64(4096)):
            with T.block("T_flatten"):
                v_i = T.axis.spatial(T.int64(4096), i)
                T.reads(A[T.floordiv(v_i, T.int64(32)), T.floormod(v_i, T.int64(32))])
                T.writes(B[v_i])
                B[v_i] = A[T.floordiv(v_i, T.int64(32)), T.floormod(v_i, T.int64(32))]

    @R.function
    def main(x: R.Tensor((8, 16, 32), "float32")) -> R.Tensor((4096,), "float32"):
        cls = Module
        with R.dataflow():
            lv = R.call_tir(cls.reshape_2d, (x,), out_sinfo=R.Tensor((128, 32), "float32"))
            gv = R.call_tir(cls.flatten, (lv,), out_sinfo=R.Tensor((4096,), "float32"))
            R.output(gv)
        return gv
