# tirx pooling: 3x3 stride-2 max pool and global average pool, with T.sblock_attr schedule hints.
from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tirx as T


@I.ir_module(s_tir=True)
class Module:
    @T.prim_func(private=True, s_tir=True)
    def max_pool(
        A: T.Buffer((T.int64(1), T.int64(64), T.int64(55), T.int64(55)), "float32"),
        B: T.Buffer((T.int64(1), T.int64(64), T.int64(27), T.int64(27)), "float32"),
    ):
        T.func_attr({"tirx.noalias": True})
        for n, c, h, w, rh, rw in T.grid(
            T.int64(1), T.int64(64), T.int64(27), T.int64(27), T.int64(3), T.int64(3)
        ):
            with T.sblock("pool_max"):
                v_n, v_c, v_h, v_w, v_rh, v_rw = T.axis.remap("SSSSRR", [n, c, h, w, rh, rw])
                T.reads(A[v_n, v_c, v_h * T.int64(2) + v_rh, v_w * T.int64(2) + v_rw])
                T.writes(B[v_n, v_c, v_h, v_w])
                T.sblock_attr({"schedule_rule": "meta_schedule.pool_max"})
                with T.init():
                    B[v_n, v_c, v_h, v_w] = T.float32(-3.4028234663852886e38)
                B[v_n, v_c, v_h, v_w] = T.max(
                    B[v_n, v_c, v_h, v_w], A[v_n, v_c, v_h * T.int64(2) + v_rh, v_w * T.int64(2) + v_rw]
                )

    @T.prim_func(private=True, s_tir=True)
    def global_avg_pool(
        A: T.Buffer((T.int64(1), T.int64(64), T.int64(27), T.int64(27)), "float32"),
        B: T.Buffer((T.int64(1), T.int64(64)), "float32"),
    ):
        T.func_attr({"tirx.noalias": True})
        pool_sum = T.sblock_alloc_buffer((T.int64(1), T.int64(64)))
        for n, c, rh, rw in T.grid(T.int64(1), T.int64(64), T.int64(27), T.int64(27)):
            with T.sblock("pool_sum"):
                v_n, v_c, v_rh, v_rw = T.axis.remap("SSRR", [n, c, rh, rw])
                T.reads(A[v_n, v_c, v_rh, v_rw])
                T.writes(pool_sum[v_n, v_c])
                T.sblock_attr({"schedule_rule": "meta_schedule.adaptive_pool_sum"})
                with T.init():
                    pool_sum[v_n, v_c] = T.float32(0)
                pool_sum[v_n, v_c] = pool_sum[v_n, v_c] + A[v_n, v_c, v_rh, v_rw]
        for n, c in T.grid(T.int64(1), T.int64(64)):
            with T.sblock("pool_avg"):
                v_n, v_c = T.axis.remap("SS", [n, c])
                T.reads(pool_sum[v_n, v_c])
                T.writes(B[v_n, v_c])
                B[v_n, v_c] = pool_sum[v_n, v_c] * T.float32(0.0013717421124828531)

    @R.function
    def main(x: R.Tensor((1, 64, 55, 55), "float32")) -> R.Tensor((1, 64), "float32"):
        cls = Module
        with R.dataflow():
            lv = R.call_tir(cls.max_pool, (x,), out_ty=R.Tensor((1, 64, 27, 27), "float32"))
            gv = R.call_tir(cls.global_avg_pool, (lv,), out_ty=R.Tensor((1, 64), "float32"))
            R.output(gv)
        return gv
