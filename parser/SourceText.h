// Source text with a line table, and the one place where byte offsets become editor positions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tvmscript {

/// A half-open byte range [begin, end) into a SourceText.
struct Range {
  uint32_t begin = 0;
  uint32_t end = 0;

  bool contains(uint32_t offset) const { return begin <= offset && offset < end; }
  bool empty() const { return begin == end; }
  friend bool operator==(const Range &, const Range &) = default;
};

/// How the `character` of a Position counts.
///
/// LSP defaults to UTF-16 code units (a character outside the BMP counts twice); clients may
/// negotiate UTF-8 bytes. Code points are what terminals show a user as a column.
enum class Encoding { UTF16, UTF8, CodePoints };

/// The length of UTF-8 `text` in units of `encoding`: what a Position's `character` just past
/// it would be, were `text` the start of a line. A character cut short at the end of `text`
/// does not count; invalid bytes count as one character each.
uint32_t lengthIn(std::string_view text, Encoding encoding);

/// A 0-based line and a 0-based character counted in some Encoding.
struct Position {
  uint32_t line = 0;
  uint32_t character = 0;
  friend bool operator==(const Position &, const Position &) = default;
};

/// Text plus the byte offset of each line start.
///
/// Lines end at "\n", "\r\n" or a lone "\r", as in LSP and in Python (a file saved with classic
/// Mac line endings is valid Python). A line break is never part of a line's characters: a
/// position cannot point inside "\r\n", and one past the end of a line is the end of the line.
class SourceText {
public:
  explicit SourceText(std::string text = {});

  std::string_view text() const { return Text; }
  uint32_t size() const { return static_cast<uint32_t>(Text.size()); }
  uint32_t lineCount() const { return static_cast<uint32_t>(LineStarts.size()); }

  /// The line containing `offset` (offsets past the end belong to the last line).
  uint32_t lineOf(uint32_t offset) const;
  /// The text of line `line` without its line break; empty past the end.
  std::string_view lineText(uint32_t line) const;
  uint32_t lineStart(uint32_t line) const;

  /// Offset → position. Offsets past the end clamp to the end; an offset inside a multi-byte
  /// sequence counts as the start of that character.
  Position position(uint32_t offset, Encoding encoding) const;
  /// Position → offset, clamped as LSP asks: a line past the end is the end of the text, a
  /// character past the end of its line is the end of the line (before its line break), and a
  /// character inside a UTF-16 surrogate pair or UTF-8 sequence rounds down to its start.
  uint32_t offset(Position position, Encoding encoding) const;

  /// Replaces the bytes in `range` with `replacement` and updates the line table.
  void replace(Range range, std::string_view replacement);

  /// Whether a line break ends with the byte at `offset`: a "\n" (alone or after "\r"), or a
  /// "\r" not followed by "\n". False past the end.
  bool endsLine(uint32_t offset) const {
    if (offset >= Text.size()) return false;
    if (Text[offset] == '\n') return true;
    return Text[offset] == '\r' && (offset + 1 == Text.size() || Text[offset + 1] != '\n');
  }

  /// The offsets of the lone "\r" line breaks, in order (usually none). Tools that only know
  /// "\n" and "\r\n", such as tree-sitter's Python grammar, must be shown a "\n" there.
  const std::vector<uint32_t> &loneCarriageReturns() const { return LoneCarriageReturns; }

private:
  void rebuildLinesFrom(uint32_t line);

  std::string Text;
  std::vector<uint32_t> LineStarts;
  /// Per line: whether it is all ASCII, where every encoding counts bytes (the common case,
  /// converted without scanning the line).
  std::vector<bool> LineAscii;
  std::vector<uint32_t> LoneCarriageReturns;
};

} // namespace tvmscript
