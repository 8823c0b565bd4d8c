# Argmax per row, TOPI style: a two-output reduction whose init sets both outputs, updated via
# lets and T.Select (ties keep the first index).
from tvm.script import tir as T


@T.prim_func
def argmax(A: T.Buffer((12, 40), "float32"), Index: T.Buffer((12,), "int32"), Value: T.Buffer((12,), "float32")):
    T.func_attr({"global_symbol": "argmax", "tir.noalias": True})
    for i, k in T.grid(12, 40):
        with T.block("argmax"):
            vi, vk = T.axis.remap("SR", [i, k])
            T.reads(A[vi, vk])
            T.writes(Index[vi], Value[vi])
            with T.init():
                Index[vi] = -1
                Value[vi] = T.min_value("float32")
            keep: T.bool = Value[vi] >= A[vi, vk]
            new_index: T.int32 = T.Select(keep, Index[vi], vk)
            new_value: T.float32 = T.Select(keep, Value[vi], A[vi, vk])
            Index[vi] = new_index
            Value[vi] = new_value
