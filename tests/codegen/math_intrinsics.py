# Math intrinsics on float32 (and a few on float64), with arguments kept inside each domain.
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def intrinsics(X: T.Buffer((64,), "float32"), Y: T.Buffer((12, 64), "float32")):
        T.func_attr({"global_symbol": "intrinsics", "tir.noalias": True})
        for i in range(64):
            x: T.float32 = X[i]
            Y[0, i] = T.exp(x)
            Y[1, i] = T.tanh(x)
            Y[2, i] = T.sigmoid(x)
            Y[3, i] = T.sqrt(T.fabs(x) + T.float32(1))
            Y[4, i] = T.erf(x)
            Y[5, i] = T.pow(T.fabs(x) + T.float32(0.5), T.float32(1.5))
            Y[6, i] = T.fabs(x)
            Y[7, i] = T.floor(x * T.float32(3))
            Y[8, i] = T.ceil(x * T.float32(3)) + T.round(x * T.float32(3))
            Y[9, i] = T.log(T.fabs(x) + T.float32(1)) + T.rsqrt(x * x + T.float32(1))
            Y[10, i] = T.exp2(x) + T.log2(T.fabs(x) + T.float32(2)) + T.log10(T.fabs(x) + T.float32(1))
            Y[11, i] = T.sin(x) * T.cos(x) + T.trunc(x * T.float32(2.5)) + T.log1p(T.fabs(x))

    @T.prim_func
    def gelu_f64(X: T.Buffer((64,), "float64"), Y: T.Buffer((64,), "float64")):
        T.func_attr({"global_symbol": "gelu_f64", "tir.noalias": True})
        for i in range(64):
            x: T.float64 = X[i]
            Y[i] = T.float64(0.5) * x * (T.float64(1) + T.erf(x * T.float64(0.70710678118654757)))
