// Offset ↔ position conversion in all encodings, with non-ASCII text and clamping.
#include "SourceText.h"

#include <gtest/gtest.h>

namespace tvmscript {
namespace {

// "é" is 2 UTF-8 bytes / 1 UTF-16 unit; "𝔸" (U+1D538) is 4 bytes / 2 units (a surrogate pair).
const std::string kText = "a = 1\nb = \"é𝔸x\"\r\nc\n";

TEST(SourceText, LineTable) {
  SourceText source(kText);
  EXPECT_EQ(source.lineCount(), 4u); // the empty line after the final newline counts
  EXPECT_EQ(source.lineText(0), "a = 1");
  EXPECT_EQ(source.lineText(1), "b = \"é𝔸x\""); // without "\r\n"
  EXPECT_EQ(source.lineText(2), "c");
  EXPECT_EQ(source.lineText(3), "");
  EXPECT_EQ(source.lineOf(0), 0u);
  EXPECT_EQ(source.lineOf(6), 1u);
}

TEST(SourceText, OffsetToPositionCountsUnitsPerEncoding) {
  SourceText source(kText);
  uint32_t x = static_cast<uint32_t>(kText.find('x'));
  EXPECT_EQ(source.position(x, Encoding::UTF8), (Position{1, 11}));
  EXPECT_EQ(source.position(x, Encoding::UTF16), (Position{1, 8}));
  EXPECT_EQ(source.position(x, Encoding::CodePoints), (Position{1, 7}));
}

TEST(SourceText, PositionToOffsetRoundTrips) {
  SourceText source(kText);
  for (Encoding encoding : {Encoding::UTF8, Encoding::UTF16, Encoding::CodePoints}) {
    for (uint32_t offset = 0; offset <= source.size(); ++offset) {
      unsigned char c = offset < source.size() ? kText[offset] : 0;
      if ((c & 0xC0) == 0x80) continue; // not a character boundary
      if (c == '\n' && offset > 0 && kText[offset - 1] == '\r') continue; // inside "\r\n"
      Position position = source.position(offset, encoding);
      EXPECT_EQ(source.offset(position, encoding), offset) << "offset " << offset;
    }
  }
}

TEST(SourceText, PositionsInsideACharacterRoundDown) {
  SourceText source(kText);
  uint32_t pair = static_cast<uint32_t>(kText.find("𝔸"));
  // UTF-16 character 7 is the second half of the surrogate pair: it maps to the pair's start.
  EXPECT_EQ(source.offset({1, 6}, Encoding::UTF16), pair);
  EXPECT_EQ(source.offset({1, 7}, Encoding::UTF16), pair);
  EXPECT_EQ(source.offset({1, 6}, Encoding::UTF8), pair - 2); // second byte of "é"
  EXPECT_EQ(source.position(pair + 2, Encoding::UTF16), (Position{1, 6}));
}

TEST(SourceText, OutOfRangePositionsClamp) {
  SourceText source(kText);
  // Past the end of a line: the end of that line, before "\r\n".
  EXPECT_EQ(source.offset({1, 100}, Encoding::UTF16), kText.find('\r'));
  // Past the last line: the end of the text.
  EXPECT_EQ(source.offset({42, 0}, Encoding::UTF16), source.size());
  EXPECT_EQ(source.position(10'000, Encoding::UTF16), (Position{3, 0}));
}

TEST(SourceText, InsideALineTerminatorIsTheEndOfTheLine) {
  SourceText source("ab\r\ncd");
  EXPECT_EQ(source.position(2, Encoding::UTF16), (Position{0, 2}));
  EXPECT_EQ(source.position(3, Encoding::UTF16), (Position{0, 2})); // between "\r" and "\n"
  EXPECT_EQ(source.offset({0, 3}, Encoding::UTF16), 2u);
}

TEST(SourceText, ReplaceUpdatesLines) {
  SourceText source(kText);
  source.replace({2, 3}, "=\nz");
  EXPECT_EQ(source.lineText(0), "a =");
  EXPECT_EQ(source.lineText(1), "z 1");
  EXPECT_EQ(source.lineCount(), 5u);
  source.replace({0, source.size()}, "");
  EXPECT_EQ(source.lineCount(), 1u);
  EXPECT_EQ(source.lineText(0), "");
}

} // namespace
} // namespace tvmscript
