// Offset ↔ position conversion in all encodings, with non-ASCII text, every kind of line break and
// clamping.
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

TEST(SourceText, LengthInCountsUnitsPerEncoding) {
  EXPECT_EQ(lengthIn("", Encoding::UTF16), 0u);
  EXPECT_EQ(lengthIn("Aé𝔸x", Encoding::UTF8), 8u);
  EXPECT_EQ(lengthIn("Aé𝔸x", Encoding::UTF16), 5u);
  EXPECT_EQ(lengthIn("Aé𝔸x", Encoding::CodePoints), 4u);
  EXPECT_EQ(lengthIn("a\nb", Encoding::UTF16), 3u); // line breaks are characters here
  // Cut inside "𝔸": its first two bytes do not count.
  EXPECT_EQ(lengthIn(std::string_view("é𝔸").substr(0, 4), Encoding::UTF16), 1u);
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

TEST(SourceText, ALoneCarriageReturnEndsALine) {
  // "\n", "\r\n" and a lone "\r" each end one line, as LSP and Python have it.
  const std::string text = "a\rbé\r\nc\n\rd\r";
  SourceText source(text);
  EXPECT_EQ(source.lineCount(), 6u);
  EXPECT_EQ(source.lineText(0), "a");
  EXPECT_EQ(source.lineText(1), "bé");
  EXPECT_EQ(source.lineText(2), "c");
  EXPECT_EQ(source.lineText(3), "");
  EXPECT_EQ(source.lineText(4), "d");
  EXPECT_EQ(source.lineText(5), "");
  EXPECT_EQ(source.loneCarriageReturns(), (std::vector<uint32_t>{1, 9, 11}));
  uint32_t d = static_cast<uint32_t>(text.find('d'));
  EXPECT_EQ(source.position(d, Encoding::UTF16), (Position{4, 0}));
  EXPECT_EQ(source.offset({4, 0}, Encoding::UTF16), d);
  EXPECT_EQ(source.position(1, Encoding::UTF16), (Position{0, 1})); // on the "\r": the end of line 0
  EXPECT_EQ(source.offset({0, 5}, Encoding::UTF16), 1u);
  EXPECT_EQ(source.position(source.size(), Encoding::UTF16), (Position{5, 0}));
  for (Encoding encoding : {Encoding::UTF8, Encoding::UTF16, Encoding::CodePoints})
    for (uint32_t line = 0; line < source.lineCount(); ++line)
      EXPECT_EQ(source.position(source.lineStart(line), encoding), (Position{line, 0}));
}

TEST(SourceText, EndsLine) {
  SourceText source("a\rb\r\nc\n\r");
  std::vector<uint32_t> ends;
  for (uint32_t offset = 0; offset <= source.size(); ++offset)
    if (source.endsLine(offset)) ends.push_back(offset);
  EXPECT_EQ(ends, (std::vector<uint32_t>{1, 4, 6, 7}));
}

TEST(SourceText, ReplaceJoinsAndSplitsLineBreaks) {
  SourceText source("a\rb");
  source.replace({2, 2}, "\n"); // "a\r\nb": the "\r" and the new "\n" are one line break
  EXPECT_EQ(source.lineCount(), 2u);
  EXPECT_EQ(source.lineText(0), "a");
  EXPECT_EQ(source.lineText(1), "b");
  EXPECT_TRUE(source.loneCarriageReturns().empty());
  source.replace({2, 3}, "x"); // "a\rxb": the "\r" is alone again
  EXPECT_EQ(source.lineCount(), 2u);
  EXPECT_EQ(source.lineText(1), "xb");
  EXPECT_EQ(source.loneCarriageReturns(), (std::vector<uint32_t>{1}));
  source.replace({2, 3}, "\n\r"); // "a\r\n\rb"
  EXPECT_EQ(source.lineCount(), 3u);
  EXPECT_EQ(source.lineText(1), "");
  EXPECT_EQ(source.lineText(2), "b");
  EXPECT_EQ(source.loneCarriageReturns(), (std::vector<uint32_t>{3}));
  // Every edit leaves the same line table as building it afresh.
  for (uint32_t at = 0; at <= source.size(); ++at) {
    for (std::string_view replacement : {"", "\r", "\n", "\r\n", "x"}) {
      SourceText edited = source;
      edited.replace({at, std::min(at + 1, source.size())}, replacement);
      SourceText fresh{std::string(edited.text())};
      ASSERT_EQ(edited.lineCount(), fresh.lineCount()) << at << " " << replacement.size();
      for (uint32_t line = 0; line < fresh.lineCount(); ++line)
        EXPECT_EQ(edited.lineStart(line), fresh.lineStart(line));
      EXPECT_EQ(edited.loneCarriageReturns(), fresh.loneCarriageReturns());
    }
  }
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
