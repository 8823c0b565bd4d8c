# TIR-level T.call_tir: apply a 1-D row kernel to each row region A[i, 0:256] of a 2-D buffer.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Tiles:
    @T.prim_func(private=True)
    def row_relu(X: T.Buffer((256,), "float32"), Y: T.Buffer((256,), "float32")):
        for j in range(256):
            with T.block("relu"):
                vj = T.axis.remap("S", [j])
                T.reads(X[vj])
                T.writes(Y[vj])
                Y[vj] = T.max(X[vj], T.float32(0))

    @T.prim_func
    def main(A: T.Buffer((64, 256), "float32"), B: T.Buffer((64, 256), "float32")):
        T.func_attr({"global_symbol": "main", "tir.noalias": True})
        for i in range(64):
            T.call_tir(Tiles.row_relu, A[i, 0:256], B[i, 0:256])
