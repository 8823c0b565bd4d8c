# Recursive private TIR subroutine with a shrinking window and a scalar-returning helper (-> T.float32).
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def main(A: T.Buffer((64,), "float32"), C: T.Buffer((16, 16), "float32")):
        T.func_attr({"global_symbol": "main"})
        Module.running_sum(T.address_of(A[0]), 64)
        for i, j in T.grid(16, 16):
            C[i, j] = Module.dot4(T.address_of(A[i * 4]), T.address_of(A[j * 4]))

    @T.prim_func(private=True)
    def running_sum(ptr: T.handle("float32"), size: T.int32):
        A = T.decl_buffer((size,), "float32", data=ptr)
        if size > 1:
            A[1] = A[0] + A[1]
            Module.running_sum(T.address_of(A[1]), size - 1)

    @T.prim_func(private=True)
    def dot4(x: T.handle("float32"), y: T.handle("float32")) -> T.float32:
        X = T.decl_buffer((4,), "float32", data=x)
        Y = T.decl_buffer((4,), "float32", data=y)
        return X[0] * Y[0] + X[1] * Y[1] + X[2] * Y[2] + X[3] * Y[3]
