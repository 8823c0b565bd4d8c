# Host function that hands buffers to runtime packed functions with T.call_packed.
from tvm.script import tir as T


@T.prim_func
def host_dispatch(
    A: T.Buffer((512, 512), "float16"),
    B: T.Buffer((512, 512), "float16"),
    C: T.Buffer((512, 512), "float16"),
    workspace_bytes: T.int64,
):
    T.func_attr({"global_symbol": "host_dispatch", "tir.is_host_func": True})
    T.call_packed("runtime.cublas_gemm_fp16", A.data, B.data, C.data, 512, 512, 512)
    T.evaluate(T.call_packed("runtime.log_workspace", workspace_bytes))
    for i in range(512):
        C[i, i] = C[i, i] + T.float16(1)


@T.prim_func
def host_sync(flag: T.Buffer((1,), "int32"), stream_id: T.int32):
    T.func_attr({"global_symbol": "host_sync", "tir.is_host_func": True})
    if stream_id >= 0:
        T.call_packed("runtime.stream_sync", stream_id)
    flag[0] = 1
