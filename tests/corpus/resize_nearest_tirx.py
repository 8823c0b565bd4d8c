# tirx nearest-neighbour resize 2x (NCHW, uint8 image) using T.floordiv / integer index math.
from tvm.script import tirx as T


@T.prim_func(s_tir=True)
def resize_nearest_2x(
    img: T.Buffer((1, 3, 240, 320), "uint8"), out: T.Buffer((1, 3, 480, 640), "uint8")
):
    T.func_attr({"tirx.noalias": True})
    for n, c, y, x in T.grid(1, 3, 480, 640):
        with T.sblock("resize"):
            v_n, v_c, v_y, v_x = T.axis.remap("SSSS", [n, c, y, x])
            T.reads(img[v_n, v_c, T.floordiv(v_y, 2), T.floordiv(v_x, 2)])
            T.writes(out[v_n, v_c, v_y, v_x])
            out[v_n, v_c, v_y, v_x] = img[v_n, v_c, T.floordiv(v_y, 2), T.floordiv(v_x, 2)]
