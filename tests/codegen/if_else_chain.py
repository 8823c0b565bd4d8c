# Statement-level if / elif / else on TIR conditions, a Python-level condition decided at parse
# time, and a conditional expression (x if c else y) on a TIR condition.
from tvm.script import tir as T


@T.prim_func
def classify(A: T.Buffer((50,), "int32"), F: T.Buffer((50,), "float32"), Out: T.Buffer((50,), "int32"), G: T.Buffer((50,), "float32")):
    T.func_attr({"global_symbol": "classify", "tir.noalias": True})
    for i in range(50):
        a: T.int32 = T.truncmod(A[i], 100)
        if a < -50:
            Out[i] = -2
        elif a < 0:
            Out[i] = -1
        elif a == 0:
            Out[i] = 0
        else:
            if a > 50 and i % 2 == 0:
                Out[i] = 2
            else:
                Out[i] = 1
        if 4 > 3:
            G[i] = F[i] if F[i] > T.float32(0) else F[i] * T.float32(0.125)
        else:
            G[i] = T.float32(0)
