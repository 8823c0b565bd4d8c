# TIR-level T.call_tir on 3-D batch slices: W[b, 0:32, 0:32] (leading unit dim dropped) into a 2-D matmul.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Batched:
    @T.prim_func(private=True)
    def mm32(
        X: T.Buffer((32, 32), "float16"),
        Y: T.Buffer((32, 32), "float16"),
        Z: T.Buffer((32, 32), "float32"),
    ):
        for i, j, k in T.grid(32, 32, 32):
            with T.block("mm"):
                vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                T.reads(X[vi, vk], Y[vk, vj])
                T.writes(Z[vi, vj])
                with T.init():
                    Z[vi, vj] = T.float32(0)
                Z[vi, vj] = Z[vi, vj] + T.Cast("float32", X[vi, vk]) * T.Cast("float32", Y[vk, vj])

    @T.prim_func
    def main(
        X: T.Buffer((8, 32, 32), "float16"),
        W: T.Buffer((8, 32, 32), "float16"),
        Out: T.Buffer((8, 32, 32), "float32"),
    ):
        T.func_attr({"global_symbol": "main", "tir.noalias": True})
        for b in T.serial(8):
            T.call_tir(Batched.mm32, X[b, 0:32, 0:32], W[b, 0:32, 0:32], Out[b, 0:32, 0:32])
