# tirx nearest-neighbour resize 2x and a 2x2 average downsample (NCHW, uint8 image), integer index math.
from tvm.script import tirx as T


@T.prim_func(s_tir=True)
def resize_nearest_2x(img: T.Buffer((1, 3, 240, 320), "uint8"), out: T.Buffer((1, 3, 480, 640), "uint8")):
    T.func_attr({"tirx.noalias": True})
    for n, c, y, x in T.grid(1, 3, 480, 640):
        with T.sblock("resize"):
            v_n, v_c, v_y, v_x = T.axis.remap("SSSS", [n, c, y, x])
            T.reads(img[v_n, v_c, T.floordiv(v_y, 2), T.floordiv(v_x, 2)])
            T.writes(out[v_n, v_c, v_y, v_x])
            out[v_n, v_c, v_y, v_x] = img[v_n, v_c, T.floordiv(v_y, 2), T.floordiv(v_x, 2)]


@T.prim_func(s_tir=True)
def downsample_avg_2x(img: T.Buffer((1, 3, 240, 320), "uint8"), out: T.Buffer((1, 3, 120, 160), "uint8")):
    T.func_attr({"tirx.noalias": True})
    acc = T.sblock_alloc_buffer((1, 3, 120, 160), "int32")
    for n, c, y, x, dy, dx in T.grid(1, 3, 120, 160, 2, 2):
        with T.sblock("acc"):
            v_n, v_c, v_y, v_x, v_dy, v_dx = T.axis.remap("SSSSRR", [n, c, y, x, dy, dx])
            T.reads(img[v_n, v_c, v_y * 2 + v_dy, v_x * 2 + v_dx])
            T.writes(acc[v_n, v_c, v_y, v_x])
            with T.init():
                acc[v_n, v_c, v_y, v_x] = 0
            acc[v_n, v_c, v_y, v_x] = acc[v_n, v_c, v_y, v_x] + T.Cast("int32", img[v_n, v_c, v_y * 2 + v_dy, v_x * 2 + v_dx])
    for n, c, y, x in T.grid(1, 3, 120, 160):
        with T.sblock("avg"):
            v_n, v_c, v_y, v_x = T.axis.remap("SSSS", [n, c, y, x])
            T.reads(acc[v_n, v_c, v_y, v_x])
            T.writes(out[v_n, v_c, v_y, v_x])
            out[v_n, v_c, v_y, v_x] = T.Cast("uint8", T.floordiv(acc[v_n, v_c, v_y, v_x] + 2, 4))
