# tirx (2026) standalone elementwise add and subtract with T.sblock and @T.prim_func(s_tir=True).
from tvm.script import tirx as T


@T.prim_func(s_tir=True)
def add(
    A: T.Buffer((T.int64(4), T.int64(1024)), "float32"),
    B: T.Buffer((T.int64(4), T.int64(1024)), "float32"),
    C: T.Buffer((T.int64(4), T.int64(1024)), "float32"),
):
    T.func_attr({"tirx.noalias": True})
    for ax0, ax1 in T.grid(T.int64(4), T.int64(1024)):
        with T.sblock("T_add"):
            v_ax0, v_ax1 = T.axis.remap("SS", [ax0, ax1])
            T.reads(A[v_ax0, v_ax1], B[v_ax0, v_ax1])
            T.writes(C[v_ax0, v_ax1])
            C[v_ax0, v_ax1] = A[v_ax0, v_ax1] + B[v_ax0, v_ax1]


@T.prim_func(s_tir=True)
def subtract_int32(
    A: T.Buffer((T.int64(4), T.int64(1024)), "int32"),
    B: T.Buffer((T.int64(1024),), "int32"),
    C: T.Buffer((T.int64(4), T.int64(1024)), "int32"),
):
    T.func_attr({"tirx.noalias": True})
    for ax0, ax1 in T.grid(T.int64(4), T.int64(1024)):
        with T.sblock("T_subtract"):
            v_ax0, v_ax1 = T.axis.remap("SS", [ax0, ax1])
            T.reads(A[v_ax0, v_ax1], B[v_ax1])
            T.writes(C[v_ax0, v_ax1])
            C[v_ax0, v_ax1] = A[v_ax0, v_ax1] - B[v_ax1]
