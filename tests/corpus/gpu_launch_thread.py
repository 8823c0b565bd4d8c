# Lowered-style GPU row reduction: T.launch_thread, T.env_thread, T.allocate shared scratch, storage sync.
from tvm.script import tir as T


@T.prim_func
def row_sum_lowered(A: T.Buffer((128, 256), "float32"), S: T.Buffer((128,), "float32")):
    T.func_attr({"global_symbol": "row_sum_lowered", "tir.noalias": True})
    tx = T.env_thread("threadIdx.x")
    bx = T.launch_thread("blockIdx.x", 128)
    T.launch_thread(tx, 256)
    red_buf = T.allocate([256], "float32", "shared")
    red = T.Buffer((256,), data=red_buf, scope="shared")
    red[tx] = A[bx, tx]
    T.tvm_storage_sync("shared")
    for step in T.unroll(8):
        if tx < T.shift_right(128, step):
            red[tx] = red[tx] + red[tx + T.shift_right(128, step)]
        T.tvm_storage_sync("shared")
    if tx == 0:
        S[bx] = red[0]
