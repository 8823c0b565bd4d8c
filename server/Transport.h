// JSON-RPC framing over byte streams: LSP's Content-Length headers, or, for transcript tests, a
// delimited form where messages are separated by `---` lines and `#` lines are comments.
#pragma once

#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace tvmscript {

enum class InputStyle { Standard, Delimited };

/// Reads messages from `in` and writes them to `out`.
class Transport {
public:
  /// Messages larger than this are read past and dropped (a client bug or hostile input).
  static constexpr size_t kMaxMessageBytes = 64u << 20;

  Transport(std::FILE *in, std::FILE *out, InputStyle style, bool pretty = false)
      : In(in), Out(out), Style(style), Pretty(pretty) {}

  /// The next message body, or nullopt at end of input. Headers other than Content-Length are
  /// ignored; header lines may end in "\r\n" or "\n". A message with a missing or invalid
  /// Content-Length, or one over the cap, is skipped with an error on stderr; when its body runs
  /// into the next message's header, reading resumes at that header.
  std::optional<std::string> read();

  /// Writes one message (framed unless the input is delimited, pretty when asked) and flushes.
  void write(const nlohmann::json &message);

private:
  std::optional<std::string> readFramed();
  std::optional<std::string> readDelimited();
  /// Reads up to the next "\n" (dropped) into `line`. Of a line longer than 2 * `keep` bytes
  /// only the last `keep` or more are kept, and `*truncated` says so.
  bool readLine(std::string &line, size_t keep = SIZE_MAX / 2, bool *truncated = nullptr);
  static constexpr size_t kMaxHeaderLine = 4096;

  std::FILE *In;
  std::FILE *Out;
  InputStyle Style;
  bool Pretty;
};

} // namespace tvmscript
