# Two-layer MLP: symbolic batch "n", chain of R.call_tir (dense -> bias+relu -> dense) in a dataflow block.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tir as T


@I.ir_module
class MLP:
    @T.prim_func(private=True)
    def dense1(x: T.handle, w: T.Buffer((T.int64(784), T.int64(256)), "float32"), y: T.handle):
        T.func_attr({"tir.noalias": True})
        n = T.int64()
        X = T.match_buffer(x, (n, T.int64(784)))
        Y = T.match_buffer(y, (n, T.int64(256)))
        for i, j, k in T.grid(n, T.int64(256), T.int64(784)):
            with T.block("dense1"):
                vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                T.reads(X[vi, vk], w[vk, vj])
                T.writes(Y[vi, vj])
                with T.init():
                    Y[vi, vj] = T.float32(0)
                Y[vi, vj] = Y[vi, vj] + X[vi, vk] * w[vk, vj]

    @T.prim_func(private=True)
    def bias_relu(x: T.handle, b: T.Buffer((T.int64(256),), "float32"), y: T.handle):
        T.func_attr({"tir.noalias": True})
        n = T.int64()
        X = T.match_buffer(x, (n, T.int64(256)))
        Y = T.match_buffer(y, (n, T.int64(256)))
        for i, j in T.grid(n, T.int64(256)):
            with T.block("bias_relu"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(X[vi, vj], b[vj])
                T.writes(Y[vi, vj])
                Y[vi, vj] = T.max(X[vi, vj] + b[vj], T.float32(0))

    @T.prim_func(private=True)
    def dense2(x: T.handle, w: T.Buffer((T.int64(256), T.int64(10)), "float32"), y: T.handle):
        T.func_attr({"tir.noalias": True})
        n = T.int64()
        X = T.match_buffer(x, (n, T.int64(256)))
        Y = T.match_buffer(y, (n, T.int64(10)))
        for i, j, k in T.grid(n, T.int64(10), T.int64(256)):
            with T.block("dense2"):
                vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                T.reads(X[vi, vk], w[vk, vj])
                T.writes(Y[vi, vj])
                with T.init():
                    Y[vi, vj] = T.float32(0)
                Y[vi, vj] = Y[vi, vj] + X[vi, vk] * w[vk, vj]

    @R.function
    def main(
        x: R.Tensor(("n", 784), "float32"),
        w1: R.Tensor((784, 256), "float32"),
        b1: R.Tensor((256,), "float32"),
        w2: R.Tensor((256, 10), "float32"),
    ) -> R.Tensor(("n", 10), "float32"):
        n = T.int64()
        cls = MLP
        with R.dataflow():
            lv0 = R.call_tir(cls.dense1, (x, w1), out_sinfo=R.Tensor((n, 256), "float32"))
            lv1 = R.call_tir(cls.bias_relu, (lv0, b1), out_sinfo=R.Tensor((n, 256), "float32"))
            gv = R.call_tir(cls.dense2, (lv1, w2), out_sinfo=R.Tensor((n, 10), "float32"))
            R.output(gv)
        return gv
