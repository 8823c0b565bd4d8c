# Standalone ReLU / leaky ReLU over 2-D float16 tensors using T.max, T.Select and typed float16 literals.
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


@T.prim_func
def leaky_relu(X: T.Buffer((64, 512), "float16"), Y: T.Buffer((64, 512), "float16")):
    T.func_attr({"tir.noalias": True})
    for i0, i1 in T.grid(64, 512):
        with T.block("leaky"):
            v_i0, v_i1 = T.axis.remap("SS", [i0, i1])
            T.reads(X[v_i0, v_i1])
            T.writes(Y[v_i0, v_i1])
            Y[v_i0, v_i1] = T.Select(
                T.float16(0) < X[v_i0, v_i1], X[v_i0, v_i1], X[v_i0, v_i1] * T.float16(0.01)
            )
