// Line table and offset/position conversion for all three encodings.
#include "SourceText.h"

#include <algorithm>

namespace tvmscript {
namespace {

/// Length in bytes of the UTF-8 sequence introduced by `lead`; invalid bytes count as one.
uint32_t sequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

/// How many units of `encoding` the character introduced by `lead` occupies.
uint32_t unitsOf(unsigned char lead, Encoding encoding) {
  uint32_t bytes = sequenceLength(lead);
  switch (encoding) {
  case Encoding::UTF8: return bytes;
  case Encoding::UTF16: return bytes == 4 ? 2 : 1;
  case Encoding::CodePoints: return 1;
  }
  return 1;
}

} // namespace

uint32_t lengthIn(std::string_view text, Encoding encoding) {
  uint32_t units = 0;
  for (size_t i = 0; i < text.size();) {
    unsigned char lead = text[i];
    size_t next = i + sequenceLength(lead);
    if (next > text.size()) break; // cut short
    units += unitsOf(lead, encoding);
    i = next;
  }
  return units;
}

SourceText::SourceText(std::string text) : Text(std::move(text)) { rebuildLinesFrom(0); }

void SourceText::rebuildLinesFrom(uint32_t line) {
  uint32_t start = line == 0 ? 0 : LineStarts[line];
  LineStarts.resize(line);
  LineStarts.push_back(start);
  std::erase_if(LoneCarriageReturns, [&](uint32_t offset) { return offset >= start; });
  // One scan per byte that can end a line, each a memchr: text without "\r" costs a single
  // extra pass, and "\r\n" needs no byte-by-byte loop.
  size_t newline = Text.find('\n', start), carriageReturn = Text.find('\r', start);
  while (newline != std::string::npos || carriageReturn != std::string::npos) {
    size_t next;
    if (carriageReturn < newline) {
      bool lone = carriageReturn + 1 != newline;
      if (lone) LoneCarriageReturns.push_back(static_cast<uint32_t>(carriageReturn));
      next = lone ? carriageReturn + 1 : newline + 1;
    } else {
      next = newline + 1;
    }
    LineStarts.push_back(static_cast<uint32_t>(next));
    if (newline < next) newline = Text.find('\n', next);
    if (carriageReturn < next) carriageReturn = Text.find('\r', next);
  }
  LineAscii.resize(line);
  for (uint32_t l = line; l < LineStarts.size(); ++l) {
    std::string_view content = lineText(l);
    LineAscii.push_back(std::all_of(content.begin(), content.end(), [](char c) { return (c & 0x80) == 0; }));
  }
}

uint32_t SourceText::lineOf(uint32_t offset) const {
  auto it = std::upper_bound(LineStarts.begin(), LineStarts.end(), offset);
  return static_cast<uint32_t>(it - LineStarts.begin()) - 1;
}

uint32_t SourceText::lineStart(uint32_t line) const {
  return line < LineStarts.size() ? LineStarts[line] : size();
}

std::string_view SourceText::lineText(uint32_t line) const {
  if (line >= LineStarts.size()) return {};
  uint32_t begin = LineStarts[line];
  if (line + 1 == LineStarts.size()) return std::string_view(Text).substr(begin);
  uint32_t end = LineStarts[line + 1] - 1; // the last byte of the line break
  if (Text[end] == '\n' && end > begin && Text[end - 1] == '\r') --end;
  return std::string_view(Text).substr(begin, end - begin);
}

Position SourceText::position(uint32_t offset, Encoding encoding) const {
  offset = std::min(offset, size());
  uint32_t line = lineOf(offset);
  // Inside a line break ("\r\n") is the end of the line.
  offset = std::min(offset, LineStarts[line] + static_cast<uint32_t>(lineText(line).size()));
  if (LineAscii[line]) return {line, offset - LineStarts[line]};
  // An `offset` inside a character cuts it short: it counts from that character's start.
  std::string_view before = std::string_view(Text).substr(LineStarts[line], offset - LineStarts[line]);
  return {line, lengthIn(before, encoding)};
}

uint32_t SourceText::offset(Position position, Encoding encoding) const {
  if (position.line >= LineStarts.size()) return size();
  std::string_view line = lineText(position.line);
  uint32_t start = LineStarts[position.line];
  if (LineAscii[position.line]) return start + std::min<uint32_t>(position.character, static_cast<uint32_t>(line.size()));
  uint32_t units = 0;
  for (uint32_t i = 0; i < line.size();) {
    unsigned char lead = line[i];
    uint32_t width = unitsOf(lead, encoding);
    if (units + width > position.character) return start + i;
    units += width;
    i += std::min<uint32_t>(sequenceLength(lead), static_cast<uint32_t>(line.size()) - i);
  }
  return start + static_cast<uint32_t>(line.size());
}

void SourceText::replace(Range range, std::string_view replacement) {
  range.end = std::min(range.end, size());
  range.begin = std::min(range.begin, range.end);
  Text.replace(range.begin, range.end - range.begin, replacement);
  // From the line of the byte before the edit: when the edit starts a line, the "\r" that ended
  // the line before may now be followed by "\n" (one line break, not two), or no longer be.
  rebuildLinesFrom(lineOf(range.begin > 0 ? range.begin - 1 : 0));
}

} // namespace tvmscript
