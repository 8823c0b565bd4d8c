# Nested T.unroll loops: copied while the copies they multiply to stay within a budget (4 x 8 x 2
# = 64), loops with LLVM's full-unroll hint past it (64 x 64 x 64 x 4 would be a million copies
# of the body), and an unroll with a symbolic extent; every form must compute the same sums.
# run: n=0
# run: n=1
# run: n=7
# run: n=9
from tvm.script import ir as I
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def within_budget(A: T.Buffer((4, 8, 2), "float32"), B: T.Buffer((4,), "float32")):
        T.func_attr({"global_symbol": "within_budget", "tir.noalias": True})
        for a in T.unroll(4):
            B[a] = T.float32(0)
            for b in T.unroll(8):
                for c in T.unroll(2):
                    B[a] = B[a] + A[a, b, c] * T.float32(c + 1)

    @T.prim_func
    def past_budget(A: T.Buffer((64, 64), "float32"), B: T.Buffer((64,), "float32"), C: T.Buffer((64,), "float32")):
        T.func_attr({"global_symbol": "past_budget", "tir.noalias": True})
        for a in T.unroll(64):
            C[a] = T.float32(0)
            for b in T.unroll(64):
                for c in T.unroll(64):
                    for d in T.unroll(4):
                        C[a] = C[a] + A[a, b] * B[c] * T.float32(d)

    @T.prim_func
    def symbolic(a: T.handle, b: T.handle):
        T.func_attr({"global_symbol": "symbolic", "tir.noalias": True})
        n = T.int32()
        A = T.match_buffer(a, (n,), "float32")
        B = T.match_buffer(b, (1,), "float32")
        B[0] = T.float32(0)
        for i in T.unroll(n):
            B[0] = B[0] + A[i]
