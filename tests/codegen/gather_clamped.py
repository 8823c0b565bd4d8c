# Embedding gather: int64 indices from an input, clamped into [0, rows) with T.min/T.max before
# they are used (any index value is safe), over a symbolic number of tokens.
# run: n=0
# run: n=1
# run: n=7
# run: n=8
# run: n=9
# run: n=1000
from tvm.script import tir as T


@T.prim_func
def gather(table: T.Buffer((10, 6), "float32"), ids: T.handle, out: T.handle):
    T.func_attr({"global_symbol": "gather", "tir.noalias": True})
    n = T.int64()
    Ids = T.match_buffer(ids, (n,), "int64")
    Out = T.match_buffer(out, (n, 6), "float32")
    for t, c in T.grid(n, 6):
        with T.block("gather"):
            vt, vc = T.axis.remap("SS", [t, c])
            row: T.int64 = T.max(T.min(Ids[vt], T.int64(9)), T.int64(0))
            Out[vt, vc] = table[row, vc]
