# tirx-era Relax graph: R.call_dps_packed(..., out_ty=...), high-level ops and a match_cast on the result.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tirx as T


@I.ir_module
class Module:
    @R.function
    def main(
        x: R.Tensor(("b", 256), "float16"), w: R.Tensor((256, 256), "float16")
    ) -> R.Tensor(("b", 256), "float16"):
        b = T.int64()
        with R.dataflow():
            lv = R.call_dps_packed("vendor.fused_gemm_silu", (x, w), out_ty=R.Tensor((b, 256), "float16"))
            lv1 = R.nn.relu(lv)
            lv2 = R.add(lv1, R.const(1, "float16"))
            lv3 = R.matmul(lv2, w)
            gv = R.match_cast(lv3, R.Tensor((b, 256), "float16"))
            R.output(gv)
        return gv
