// Content-Length framing and the delimited test form.
#include "Transport.h"

#include "Logger.h"

#include <cctype>
#include <cerrno>
#include <cstring>

namespace tvmscript {

bool Transport::readLine(std::string &line, size_t keep, bool *truncated) {
  line.clear();
  if (truncated) *truncated = false;
  for (int c; (c = std::fgetc(In)) != EOF;) {
    if (c == '\n') return true;
    line.push_back(static_cast<char>(c));
    if (line.size() > 2 * keep) {
      line.erase(0, line.size() - keep);
      if (truncated) *truncated = true;
    }
  }
  return !line.empty();
}

std::optional<std::string> Transport::read() {
  return Style == InputStyle::Delimited ? readDelimited() : readFramed();
}

namespace {

/// Whether `name` can be a header's name (an RFC 7230 token; in practice letters, digits, '-').
bool isHeaderName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

std::string lowercase(std::string_view text) {
  std::string result(text);
  for (char &c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

} // namespace

std::optional<std::string> Transport::readFramed() {
  while (true) {
    std::optional<size_t> length;
    bool invalid = false;
    std::string line;
    bool sawHeader = false;
    while (true) {
      // A header line is short; a longer one is junk, of which only the end can matter (where
      // the next header may start): memory stays bounded whatever arrives without a newline.
      bool truncated = false;
      if (!readLine(line, kMaxHeaderLine, &truncated)) return std::nullopt; // end of input
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) {
        if (sawHeader) break;
        continue; // stray blank lines between messages
      }
      sawHeader = true;
      size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = lowercase(std::string_view(line).substr(0, colon));
      if (truncated || !isHeaderName(name)) {
        // Not a header: the body of a message whose Content-Length was wrong or missing, which
        // ends where the next message's header starts, on the same line. Resume at that header;
        // reading on from here would swallow every later message.
        size_t next = lowercase(line).find("content-length:");
        if (next == std::string::npos) continue;
        line.erase(0, next);
        colon = line.find(':');
        invalid = false; // what came before belongs to the broken message
        length.reset();
        name = "content-length";
      }
      if (name != "content-length") continue;
      const char *value = line.c_str() + colon + 1;
      while (*value == ' ' || *value == '\t') ++value;
      // Digits only: strtoull would read "-5" as 2^64 - 5, and skipping that many bytes would
      // swallow the rest of the input.
      char *end = nullptr;
      errno = 0;
      unsigned long long parsed = std::isdigit(static_cast<unsigned char>(*value)) ? std::strtoull(value, &end, 10) : 0;
      if (!end || errno == ERANGE || (*end != '\0' && *end != ' ' && *end != '\t')) invalid = true;
      else length = parsed;
    }
    if (!length || invalid) {
      logError("dropping a message without a valid Content-Length header");
      continue;
    }
    if (*length > kMaxMessageBytes) {
      logError("dropping a message of " + std::to_string(*length) + " bytes (over the limit)");
      for (size_t skipped = 0; skipped < *length && std::fgetc(In) != EOF; ++skipped) {
      }
      continue;
    }
    std::string body(*length, '\0');
    size_t got = std::fread(body.data(), 1, *length, In); // fread loops over partial reads
    if (got != *length) {
      logError("input ended inside a message");
      return std::nullopt;
    }
    return body;
  }
}

std::optional<std::string> Transport::readDelimited() {
  std::string body, line;
  bool any = false;
  while (readLine(line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line == "---") {
      if (any) return body;
      continue;
    }
    if (!line.empty() && line[0] == '#') continue;
    body += line;
    body += '\n';
    any = any || line.find_first_not_of(" \t") != std::string::npos;
  }
  if (any) return body;
  return std::nullopt;
}

void Transport::write(const nlohmann::json &message) {
  // Invalid UTF-8 from a client's text must not throw here: replace it.
  std::string body = message.dump(Pretty ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (Style == InputStyle::Delimited) {
    std::fprintf(Out, "%s\n---\n", body.c_str());
  } else {
    std::fprintf(Out, "Content-Length: %zu\r\n\r\n", body.size());
    std::fwrite(body.data(), 1, body.size(), Out);
  }
  std::fflush(Out);
}

} // namespace tvmscript
