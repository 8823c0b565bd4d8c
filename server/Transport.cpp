// Content-Length framing and the delimited test form.
#include "Transport.h"

#include "Logger.h"

#include <cctype>
#include <cstring>

namespace tvmscript {

bool Transport::readLine(std::string &line) {
  line.clear();
  for (int c; (c = std::fgetc(In)) != EOF;) {
    if (c == '\n') return true;
    line.push_back(static_cast<char>(c));
  }
  return !line.empty();
}

std::optional<std::string> Transport::read() {
  return Style == InputStyle::Delimited ? readDelimited() : readFramed();
}

std::optional<std::string> Transport::readFramed() {
  while (true) {
    std::optional<size_t> length;
    bool invalid = false;
    std::string line;
    bool sawHeader = false;
    while (true) {
      if (!readLine(line)) return std::nullopt; // end of input
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) {
        if (sawHeader) break;
        continue; // stray blank lines between messages
      }
      sawHeader = true;
      size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      for (char &c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (name != "content-length") continue;
      const char *value = line.c_str() + colon + 1;
      while (*value == ' ') ++value;
      char *end = nullptr;
      unsigned long long parsed = std::strtoull(value, &end, 10);
      if (end == value || (*end != '\0' && *end != ' ')) invalid = true;
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
