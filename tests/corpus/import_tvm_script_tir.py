# Standalone int4 unpacking kernels written with `import tvm.script.tir as T`: uint8 bit ops, T.truncdiv/T.truncmod.
import tvm.script.tir as T


@T.prim_func
def unpack_int4(packed: T.Buffer((2048,), "uint8"), out: T.Buffer((4096,), "int8")):
    T.func_attr({"global_symbol": "unpack_int4", "tir.noalias": True})
    for i in range(4096):
        with T.block("unpack"):
            vi = T.axis.spatial(4096, i)
            T.reads(packed[T.truncdiv(vi, 2)])
            T.writes(out[vi])
            shift: T.uint8 = T.Cast("uint8", T.truncmod(vi, 2) * 4)
            nib: T.uint8 = T.shift_right(packed[T.truncdiv(vi, 2)], shift) & T.uint8(15)
            out[vi] = T.Cast("int8", nib) - T.Cast("int8", nib >= T.uint8(8)) * T.int8(16)


@T.prim_func
def pack_int4(src: T.Buffer((4096,), "int8"), packed: T.Buffer((2048,), "uint8")):
    T.func_attr({"global_symbol": "pack_int4", "tir.noalias": True})
    for i in range(2048):
        with T.block("pack"):
            vi = T.axis.spatial(2048, i)
            T.reads(src[vi * 2 : vi * 2 + 2])
            T.writes(packed[vi])
            packed[vi] = (T.Cast("uint8", src[vi * 2]) & T.uint8(15)) | T.shift_left(
                T.Cast("uint8", src[vi * 2 + 1]) & T.uint8(15), T.uint8(4)
            )
