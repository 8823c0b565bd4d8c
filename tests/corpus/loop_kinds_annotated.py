# Loop kinds without blocks: T.parallel, T.serial with annotations, T.unroll and T.vectorized.
from tvm.script import tir as T


@T.prim_func
def scale_shift(
    A: T.Buffer((32, 64, 32), "float32"),
    scale: T.Buffer((64,), "float32"),
    B: T.Buffer((32, 64, 32), "float32"),
):
    T.func_attr({"global_symbol": "scale_shift", "tir.noalias": True})
    for n in T.parallel(0, 32):
        for c in T.serial(64, annotations={"pragma_auto_unroll_max_step": 16, "pragma_unroll_explicit": 1}):
            for wo in T.unroll(4):
                for wi in T.vectorized(8):
                    B[n, c, wo * 8 + wi] = A[n, c, wo * 8 + wi] * scale[c] + T.float32(1)


@T.prim_func
def int_histogram(data: T.Buffer((8192,), "int32"), hist: T.Buffer((16,), "int32")):
    T.func_attr({"global_symbol": "int_histogram", "tir.noalias": True})
    for b in T.unroll(16):
        hist[b] = 0
    for i in T.serial(0, 8192, annotations={"software_pipeline_stage": [0, 1]}):
        hist[T.floormod(data[i], 16)] = hist[T.floormod(data[i], 16)] + 1
