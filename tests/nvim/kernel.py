# Copied by plugin_test.lua into a fresh project and compiled there: a valid kernel.
from tvm.script import tir as T


@T.prim_func
def scale(A: T.Buffer((4,), "float32"), k: T.float32):
    for i in range(4):
        A[i] = A[i] * k
