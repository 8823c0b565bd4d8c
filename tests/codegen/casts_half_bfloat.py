# float16 and bfloat16: rounding on conversion, float16 arithmetic rounded after every operation,
# bfloat16 stored with round-to-nearest-even and computed in float32.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def half_ops(A: T.Buffer((50,), "float32"), H: T.Buffer((50,), "float16"), Back: T.Buffer((50,), "float32")):
        T.func_attr({"global_symbol": "half_ops", "tir.noalias": True})
        for i in range(50):
            h: T.float16 = T.Cast("float16", A[i])
            H[i] = h * h + h * T.float16(0.3333) - T.float16(1.5)
            Back[i] = T.Cast("float32", H[i]) + T.Cast("float32", T.Cast("float16", A[i] * T.float32(100)))

    @T.prim_func
    def bfloat_ops(A: T.Buffer((50,), "float32"), Bf: T.Buffer((50,), "bfloat16"), Back: T.Buffer((50,), "float32")):
        T.func_attr({"global_symbol": "bfloat_ops", "tir.noalias": True})
        for i in range(50):
            Bf[i] = T.Cast("bfloat16", A[i] * T.float32(3.14159))
        for i in range(50):
            Back[i] = T.Cast("float32", Bf[i]) * T.float32(0.5)

    @T.prim_func
    def relu_fp16(A: T.Buffer((33,), "float16"), B: T.Buffer((33,), "float16")):
        T.func_attr({"global_symbol": "relu_fp16", "tir.noalias": True})
        for i in range(33):
            with T.block("relu"):
                vi = T.axis.remap("S", [i])
                B[vi] = T.max(A[vi], T.float16(0))
