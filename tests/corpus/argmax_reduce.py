# Argmax along the last axis: a reduction block updating an index buffer and a value buffer together.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func(private=True)
    def argmax(
        A: T.Buffer((T.int64(64), T.int64(32000)), "float32"),
        idx: T.Buffer((T.int64(64),), "int64"),
        val: T.Buffer((T.int64(64),), "float32"),
    ):
        T.func_attr({"tir.noalias": True})
        for i, k in T.grid(T.int64(64), T.int64(32000)):
            with T.block("argmax"):
                vi, vk = T.axis.remap("SR", [i, k])
                T.reads(A[vi, vk])
                T.writes(idx[vi], val[vi])
                with T.init():
                    idx[vi] = T.int64(-1)
                    val[vi] = T.min_value("float32")
                better: T.bool = val[vi] < A[vi, vk]
                idx[vi] = T.Select(better, vk, idx[vi])
                val[vi] = T.Select(better, A[vi, vk], val[vi])

    @R.function
    def main(logits: R.Tensor((64, 32000), "float32")) -> R.Tensor((64,), "int64"):
        cls = Module
        with R.dataflow():
            res = R.call_tir(
                cls.argmax,
                (logits,),
                out_sinfo=[R.Tensor((64,), "int64"), R.Tensor((64,), "float32")],
            )
            gv: R.Tensor((64,), "int64") = res[0]
            R.output(gv)
        return gv
