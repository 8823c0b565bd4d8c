# Standalone ReLU over a 2-D float16 tensor using T.max and a typed float16 zero.
from tvm.script import tir as T


@T.prim_func
def relu(X: T.Buffer((64, 512), "float16"), Y: T.Buffer((64, 512), "float16")):
    T.func_attr({"tir.noalias": True})
    for i0, i1 in T.grid(64, 512):
        with T.block("compute"):
            v_i0, v_i1 = T.axis.remap("SS", [i0, i1])
            T.reads(X[v_i0, v_i1])
            T.writes(Y[v_i0, v_i1])
            Y[v_i0, v_i1] = T.max(X[v_i0, v_i1], T.float16(0))
