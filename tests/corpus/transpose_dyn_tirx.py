# tirx dynamic-shape permute (b, s, h, d) -> (b, h, s, d) and a reshape merging heads, int64 shape vars.
from tvm.script import tirx as T


@T.prim_func(s_tir=True)
def permute_bshd_to_bhsd(var_x: T.handle, var_y: T.handle):
    T.func_attr({"tirx.noalias": True})
    b = T.int64()
    s = T.int64()
    X = T.match_buffer(var_x, (b, s, T.int64(32), T.int64(128)), "float16")
    Y = T.match_buffer(var_y, (b, T.int64(32), s, T.int64(128)), "float16")
    for i0, i1, i2, i3 in T.grid(b, T.int64(32), s, T.int64(128)):
        with T.sblock("T_transpose"):
            v0, v1, v2, v3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
            T.reads(X[v0, v2, v1, v3])
            T.writes(Y[v0, v1, v2, v3])
            Y[v0, v1, v2, v3] = X[v0, v2, v1, v3]


@T.prim_func(s_tir=True)
def merge_heads(var_x: T.handle, var_y: T.handle):
    T.func_attr({"tirx.noalias": True})
    s = T.int64()
    X = T.match_buffer(var_x, (s, T.int64(32), T.int64(128)), "float16")
    Y = T.match_buffer(var_y, (s, T.int64(4096)), "float16")
    for i, j in T.grid(s, T.int64(4096)):
        with T.sblock("T_reshape"):
            v_i, v_j = T.axis.remap("SS", [i, j])
            T.reads(X[v_i, v_j // T.int64(128), v_j % T.int64(128)])
            T.writes(Y[v_i, v_j])
            Y[v_i, v_j] = X[v_i, v_j // T.int64(128), v_j % T.int64(128)]
