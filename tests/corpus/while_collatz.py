# while loop with a one-element decl_buffer counter, if/else and integer floordiv/floormod.
from tvm.script import tir as T


@T.prim_func
def collatz_steps(N: T.Buffer((256,), "int32"), Steps: T.Buffer((256,), "int32")):
    T.func_attr({"global_symbol": "collatz_steps", "tir.noalias": True})
    for i in range(256):
        cur = T.decl_buffer((1,), "int32")
        cur[0] = N[i]
        Steps[i] = 0
        while cur[0] > 1:
            if cur[0] % 2 == 0:
                cur[0] = cur[0] // 2
            else:
                cur[0] = cur[0] * 3 + 1
            Steps[i] = Steps[i] + 1
