# T.decl_buffer scratch space: a per-row 1-D accumulator (prefix sums) and a 4-element window.
from tvm.script import tir as T


@T.prim_func
def prefix_and_window(A: T.Buffer((6, 32), "float32"), P: T.Buffer((6, 32), "float32"), W: T.Buffer((6, 29), "float32")):
    T.func_attr({"global_symbol": "prefix_and_window", "tir.noalias": True})
    for r in range(6):
        acc = T.decl_buffer((1,), "float32")
        acc[0] = T.float32(0)
        for c in range(32):
            acc[0] = acc[0] + A[r, c]
            P[r, c] = acc[0]
        window = T.decl_buffer((4,), "float32")
        for c in range(29):
            for t in range(4):
                window[t] = A[r, c + t]
            W[r, c] = (window[0] + window[1] + window[2] + window[3]) * T.float32(0.25)
