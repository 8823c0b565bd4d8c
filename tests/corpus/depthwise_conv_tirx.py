# tirx depthwise 5x5 stride-2 conv (NCHW) with explicit T.axis.spatial/T.axis.reduce bindings.
from tvm.script import tirx as T


@T.prim_func(s_tir=True)
def depthwise_5x5_s2(
    X: T.Buffer((1, 32, 64, 64), "float32"),
    K: T.Buffer((32, 1, 5, 5), "float32"),
    Y: T.Buffer((1, 32, 32, 32), "float32"),
):
    T.func_attr({"tirx.noalias": True})
    X_pad = T.sblock_alloc_buffer((1, 32, 68, 68))
    for n, c, h, w in T.grid(1, 32, 68, 68):
        with T.sblock("X_pad"):
            v_n = T.axis.spatial(1, n)
            v_c = T.axis.spatial(32, c)
            v_h = T.axis.spatial(68, h)
            v_w = T.axis.spatial(68, w)
            T.reads(X[v_n, v_c, v_h - 2, v_w - 2])
            T.writes(X_pad[v_n, v_c, v_h, v_w])
            X_pad[v_n, v_c, v_h, v_w] = T.if_then_else(
                2 <= v_h and v_h < 66 and 2 <= v_w and v_w < 66,
                X[v_n, v_c, v_h - 2, v_w - 2],
                T.float32(0),
            )
    for n, c, i, j, di, dj in T.grid(1, 32, 32, 32, 5, 5):
        with T.sblock("depthwise"):
            v_n = T.axis.spatial(1, n)
            v_c = T.axis.spatial(32, c)
            v_i = T.axis.spatial(32, i)
            v_j = T.axis.spatial(32, j)
            v_di = T.axis.reduce(5, di)
            v_dj = T.axis.reduce(5, dj)
            T.reads(X_pad[v_n, v_c, v_i * 2 + v_di, v_j * 2 + v_dj], K[v_c, 0, v_di, v_dj])
            T.writes(Y[v_n, v_c, v_i, v_j])
            with T.init():
                Y[v_n, v_c, v_i, v_j] = T.float32(0)
            Y[v_n, v_c, v_i, v_j] = (
                Y[v_n, v_c, v_i, v_j]
                + X_pad[v_n, v_c, v_i * 2 + v_di, v_j * 2 + v_dj] * K[v_c, 0, v_di, v_dj]
            )
