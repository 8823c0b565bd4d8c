# Pure high-level Relax graph: R.matmul, R.add with R.const, R.nn.relu, R.nn.softmax, R.permute_dims.
from tvm.script import ir as I
from tvm.script import relax as R


@I.ir_module
class Module:
    @R.function
    def main(
        x: R.Tensor(("batch", 128), "float32"),
        w: R.Tensor((64, 128), "float32"),
        b: R.Tensor((64,), "float32"),
    ) -> R.Tensor(("batch", 64), "float32"):
        with R.dataflow():
            wt = R.permute_dims(w, axes=[1, 0])
            lv0 = R.matmul(x, wt)
            lv1 = R.add(lv0, b)
            lv2 = R.nn.relu(lv1)
            lv3 = R.multiply(lv2, R.const(0.5, "float32"))
            gv = R.nn.softmax(lv3, axis=-1)
            R.output(gv)
        return gv
