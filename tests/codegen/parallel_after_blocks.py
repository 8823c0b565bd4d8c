# A parallel loop after a nest of serial loops and blocks: each loop's variables end with the
# loop, so the parallel body captures only what is still bound (shape variables, buffers, lets).
# run: n=1
# run: n=9
# run: n=1000
from tvm.script import tir as T


@T.prim_func
def smooth(a: T.handle, b: T.handle):
    n = T.int64()
    A = T.match_buffer(a, (n, 4), "float32")
    B = T.match_buffer(b, (n, 4), "float32")
    scale: T.float32 = T.float32(0.5)
    tmp = T.alloc_buffer((n, 4), "float32")
    for i, j in T.grid(n, 4):
        with T.block("copy"):
            vi, vj = T.axis.remap("SS", [i, j])
            tmp[vi, vj] = A[vi, vj] * scale
    for i in T.parallel(n):
        for j in range(4):
            with T.block("smooth"):
                vi, vj = T.axis.remap("SS", [i, j])
                B[vi, vj] = tmp[vi, vj] + T.if_then_else(vi > T.int64(0), tmp[vi - T.int64(1), vj], T.float32(0))
