// TVM's dtype grammar: what parses, what it means, and what TVM rejects.
#include "DType.h"

#include <gtest/gtest.h>

namespace tvmscript {
namespace {

TEST(DType, AcceptsTvmSpellings) {
  for (const char *text : {"float32", "float16", "bfloat16", "int8", "uint1", "bool", "int64x4",
                           "float32x16", "handle", "void", "", "float", "int", "float8_e4m3fn",
                           "float8_e5m2x2", "float4_e2m1fnx2", "float8_e8m0fnu", "float6_e3m2fn",
                           "int32xvscalex4", "custom[posites2]32"})
    EXPECT_TRUE(parseDType(text).has_value()) << text;
}

TEST(DType, RejectsWhatTvmRejects) {
  for (const char *text : {"flaot32", "float32x", "int8x0", "int 8", "Float32", "f32", "int0",
                           "float8_e4m3fnx", "custom[]8", "tensor", "int32x4x2"})
    EXPECT_FALSE(parseDType(text).has_value()) << text;
}

TEST(DType, Meaning) {
  EXPECT_EQ(parseDType("float")->str(), "float32");
  EXPECT_EQ(parseDType("int")->str(), "int32");
  EXPECT_TRUE(parseDType("bool")->isBool());
  EXPECT_EQ(parseDType("uint1")->str(), "bool");
  EXPECT_EQ(parseDType("handle")->bits, 64);
  EXPECT_EQ(parseDType("bfloat16")->str(), "bfloat16");
  auto vector = parseDType("float16x8");
  EXPECT_EQ(vector->lanes, 8);
  EXPECT_TRUE(vector->isFloat());
  EXPECT_EQ(parseDType("float8_e4m3fnx4")->str(), "float8_e4m3fnx4");
}

} // namespace
} // namespace tvmscript
