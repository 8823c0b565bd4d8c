// JSON-RPC dispatch and the LSP handlers.
#include "LspServer.h"

#include "Analyze.h"
#include "Completion.h"
#include "DocumentSymbols.h"
#include "Hover.h"
#include "Logger.h"
#include "SignatureHelp.h"
#include "XRefs.h"

#include <charconv>
#include <fmt/format.h>
#include <fstream>
#include <malloc.h>
#include <thread>
#include <tuple>
#include <unistd.h>

namespace tvmscript {
namespace {

const char *kVersion = TVMSCRIPT_VERSION;

/// `params: []` is what some clients (Neovim 0.7) send for "no parameters".
json normalizeParams(const json &message) {
  if (!message.contains("params")) return json::object();
  const json &params = message["params"];
  if (params.is_array() && params.empty()) return json::object();
  return params;
}

/// Whether JSON text nests arrays/objects deeper than `limit` (the parser recurses per level, so
/// hostile nesting must be refused before parsing).
bool nestsTooDeep(std::string_view text, int limit = 256) {
  int depth = 0;
  bool inString = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\') ++i;
      else if (c == '"') inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

/// `text` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string validUtf8(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    unsigned char lead = text[i];
    size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    bool valid = length > 0 && i + length <= text.size();
    for (size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    // Overlong forms and surrogates are invalid too.
    if (valid && length == 2) valid = lead >= 0xC2;
    if (valid && length == 3) {
      unsigned char next = text[i + 1];
      valid = !(lead == 0xE0 && next < 0xA0) && !(lead == 0xED && next >= 0xA0);
    }
    if (valid && length == 4) {
      unsigned char next = text[i + 1];
      valid = lead <= 0xF4 && !(lead == 0xF0 && next < 0x90) && !(lead == 0xF4 && next >= 0x90);
    }
    if (valid) {
      result.append(text.substr(i, length));
      i += length;
    } else {
      result += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return result;
}

/// The UTF-16 code unit of the `\uXXXX` escape at `at` in JSON text, if there is one there.
std::optional<uint16_t> escapedCodeUnit(std::string_view text, size_t at) {
  if (at + 6 > text.size() || text[at] != '\\' || text[at + 1] != 'u') return std::nullopt;
  const char *digits = text.data() + at + 2;
  uint16_t unit = 0;
  auto [end, error] = std::from_chars(digits, digits + 4, unit, 16);
  if (error != std::errc() || end != digits + 4) return std::nullopt;
  return unit;
}

/// JSON `text` with every escaped lone surrogate (`\uD800`-`\uDFFF` not forming a high-low pair)
/// written `\uFFFD`. JavaScript strings may hold half a surrogate pair (an emoji cut in two while
/// typing), `JSON.stringify` escapes it so, and JSON parsers reject it; a client shows U+FFFD,
/// which also counts as one UTF-16 unit, so positions after it stay in step.
std::string replaceLoneSurrogates(std::string_view text) {
  auto isHigh = [](std::optional<uint16_t> unit) { return unit && *unit >= 0xD800 && *unit <= 0xDBFF; };
  auto isLow = [](std::optional<uint16_t> unit) { return unit && *unit >= 0xDC00 && *unit <= 0xDFFF; };
  std::string result;
  result.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      result += text[i];
      continue;
    }
    std::optional<uint16_t> unit = escapedCodeUnit(text, i);
    if (isHigh(unit) && isLow(escapedCodeUnit(text, i + 6))) {
      result += text.substr(i, 12); // a pair
      i += 11;
    } else if (isHigh(unit) || isLow(unit)) {
      result += "\\uFFFD";
      i += 5;
    } else {
      result += text.substr(i, 2); // any other escape, whole: `\\ud83d` is a backslash and text
      ++i;
    }
  }
  return result;
}

/// The message in `body`, or a discarded value when it is not JSON. Text a client should not
/// send but means something by (invalid UTF-8, escaped lone surrogates) is read with U+FFFD in
/// its place, as editors show it: dropping the message would leave a request unanswered, or,
/// for a didChange, the document out of step with the client's for good.
json parseMessage(const std::string &body) {
  json message = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded())
    message = json::parse(replaceLoneSurrogates(validUtf8(body)), nullptr, /*allow_exceptions=*/false);
  return message;
}

} // namespace

LspServer::LspServer(Transport &transport, ServerOptions options) : Channel(transport), Options(std::move(options)) {
  Requests["initialize"] = [this](const json &p) { return initialize(p); };
  Requests["shutdown"] = [this](const json &) {
    ShutdownRequested = true;
    return json(nullptr);
  };
  Requests["textDocument/definition"] = [this](const json &p) { return definition(p); };
  Requests["textDocument/references"] = [this](const json &p) { return references(p); };
  Requests["textDocument/hover"] = [this](const json &p) { return hover(p); };
  Requests["textDocument/documentSymbol"] = [this](const json &p) { return documentSymbol(p); };
  Requests["textDocument/diagnostic"] = [this](const json &p) { return pullDiagnostics(p); };
  Requests["textDocument/completion"] = [this](const json &p) { return completion(p); };
  Requests["textDocument/signatureHelp"] = [this](const json &p) { return signatureHelp(p); };
  Requests["textDocument/codeAction"] = [this](const json &p) { return codeAction(p); };
  Requests["tvmscript/serverInfo"] = [this](const json &p) { return serverInfo(p); };
  DeferredRequests["workspace/executeCommand"] = [this](const json &id, const json &p) { executeCommand(id, p); };
  DeferredRequests["tvmscript/viewOutput"] = [this](const json &id, const json &p) { viewOutput(id, p); };

  Notifications["initialized"] = [](const json &) {};
  Notifications["exit"] = [this](const json &) { Exited = true; };
  Notifications["workspace/didChangeConfiguration"] = [this](const json &p) {
    if (p.contains("settings")) readSettings(p["settings"]);
  };
  Notifications["textDocument/didOpen"] = [this](const json &p) { didOpen(p); };
  Notifications["textDocument/didChange"] = [this](const json &p) { didChange(p); };
  Notifications["textDocument/didClose"] = [this](const json &p) { didClose(p); };
  Notifications["textDocument/didSave"] = [this](const json &p) {
    publishDiagnostics(requireField(requireField(p, "textDocument", json::value_t::object), "uri",
                                    json::value_t::string));
  };
}

void LspServer::readerLoop() {
  while (std::optional<std::string> body = Channel.read()) {
    std::lock_guard<std::mutex> lock(QueueMutex);
    // Cancellations take effect at once, whatever is queued before them.
    if (body->find("$/cancelRequest") != std::string::npos && !nestsTooDeep(*body)) {
      json message = parseMessage(*body);
      if (message.is_object() && message.value("method", "") == "$/cancelRequest" && message.contains("params") &&
          message["params"].is_object() && message["params"].contains("id")) {
        json id = message["params"]["id"];
        Cancelled.insert(id.dump());
        Posted.push_back([this, id] { cancelCompile(id); }); // a compile running now stops now
      }
    }
    Queue.push_back(std::move(*body));
    QueueChanged.notify_one();
  }
  std::lock_guard<std::mutex> lock(QueueMutex);
  InputEnded = true;
  QueueChanged.notify_one();
}

int LspServer::run(bool readAllFirst) {
  if (readAllFirst)
    readerLoop(); // on this thread: nothing reads the transport once run() returns
  else
    // The reader may be blocked on input when `exit` arrives: it is detached, and ends with us.
    std::thread(&LspServer::readerLoop, this).detach();
  while (!Exited) {
    std::string body;
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(QueueMutex);
      // One at a time, when reading all first: the next message waits for running compiles.
      auto mayRead = [&] { return !readAllFirst || (Compiles.empty() && WaitingCompiles.empty()); };
      QueueChanged.wait(lock, [&] { return !Posted.empty() || ((!Queue.empty() || InputEnded) && mayRead()); });
      if (!Posted.empty()) {
        task = std::move(Posted.front());
        Posted.pop_front();
      } else if (!Queue.empty()) {
        body = std::move(Queue.front());
        Queue.pop_front();
      } else {
        break; // input ended
      }
    }
    try {
      if (task) task();
      else handleMessage(body);
    } catch (const std::exception &error) { // a bug: the session goes on
      logError(fmt::format("internal error: {}", error.what()));
    }
  }
  // Kills the workers still running: nobody will read their replies.
  WaitingCompiles.clear();
  Compiles.clear();
  return ShutdownRequested ? 0 : 1;
}

void LspServer::post(std::function<void()> task) {
  std::lock_guard<std::mutex> lock(QueueMutex);
  Posted.push_back(std::move(task));
  QueueChanged.notify_one();
}

bool LspServer::takeCancellation(const json &id) {
  std::lock_guard<std::mutex> lock(QueueMutex);
  return Cancelled.erase(id.dump()) > 0;
}

void LspServer::handleMessage(const std::string &body) {
  if (nestsTooDeep(body)) {
    logError("ignoring a message nested too deeply");
    return;
  }
  json message = parseMessage(body);
  if (message.is_discarded() || !message.is_object()) {
    logError("ignoring a message that is not a JSON object");
    return;
  }
  bool isRequest = message.contains("id") && message.contains("method");
  if (!message.contains("method")) return; // a response to a request we never send
  if (!message["method"].is_string()) {
    if (isRequest) replyError(message["id"], InvalidRequest, "method must be a string");
    return;
  }
  std::string method = message["method"];
  json params = normalizeParams(message);
  logVerbose("<-- " + method);

  if (!isRequest) {
    if (!Initialized && method != "exit") return; // notifications before initialize are dropped
    auto handler = Notifications.find(method);
    if (handler == Notifications.end()) {
      if (!method.starts_with("$/")) logInfo("ignoring unknown notification " + method);
      return;
    }
    try {
      handler->second(params);
    } catch (const LspError &error) {
      logError(fmt::format("{}: {}", method, error.message));
    } catch (const std::exception &error) { // a bug: the session goes on
      logError(fmt::format("{}: internal error: {}", method, error.what()));
    }
    return;
  }

  const json &id = message["id"];
  if (takeCancellation(id)) {
    replyError(id, RequestCancelled, "the request was cancelled");
    return;
  }
  if (!Initialized && method != "initialize") {
    replyError(id, ServerNotInitialized, "the server has not been initialized");
    return;
  }
  if (Initialized && method == "initialize") {
    replyError(id, InvalidRequest, "the server is already initialized");
    return;
  }
  try {
    if (auto deferred = DeferredRequests.find(method); deferred != DeferredRequests.end())
      deferred->second(id, params);
    else if (auto handler = Requests.find(method); handler != Requests.end())
      reply(id, handler->second(params));
    else
      replyError(id, MethodNotFound, "method not found: " + method);
  } catch (const LspError &error) {
    replyError(id, error.code, error.message);
  } catch (const std::exception &error) { // a bug: this request fails, the session goes on
    logError(fmt::format("{}: internal error: {}", method, error.what()));
    replyError(id, InternalError, fmt::format("internal error: {}", error.what()));
  }
}

void LspServer::reply(const json &id, json result) {
  Channel.write({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void LspServer::replyError(const json &id, int code, const std::string &message) {
  Channel.write({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

void LspServer::notify(const std::string &method, json params) {
  Channel.write({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
}

json LspServer::initialize(const json &params) {
  // UTF-8 when the client offers it, else LSP's default UTF-16.
  const json *encodings = nullptr;
  if (params.contains("capabilities") && params["capabilities"].is_object() &&
      params["capabilities"].contains("general") && params["capabilities"]["general"].is_object() &&
      params["capabilities"]["general"].contains("positionEncodings"))
    encodings = &params["capabilities"]["general"]["positionEncodings"];
  if (encodings && encodings->is_array())
    for (const json &encoding : *encodings)
      if (encoding == "utf-8") PositionEncoding = Encoding::UTF8;
  // The workspace: where compile outputs may go.
  auto rootOf = [&]() -> std::optional<std::filesystem::path> {
    if (params.contains("workspaceFolders") && params["workspaceFolders"].is_array() &&
        !params["workspaceFolders"].empty() && params["workspaceFolders"][0].is_object() &&
        params["workspaceFolders"][0].contains("uri") && params["workspaceFolders"][0]["uri"].is_string())
      return pathFromUri(params["workspaceFolders"][0]["uri"].get<std::string>());
    if (params.contains("rootUri") && params["rootUri"].is_string())
      return pathFromUri(params["rootUri"].get<std::string>());
    if (params.contains("rootPath") && params["rootPath"].is_string())
      return std::filesystem::path(params["rootPath"].get<std::string>());
    return std::nullopt;
  };
  WorkspaceRoot = rootOf().value_or(std::filesystem::path());
  if (params.contains("initializationOptions") && params["initializationOptions"].is_object())
    readSettings(params["initializationOptions"]);
  Initialized = true;
  return {{"capabilities",
           {{"positionEncoding", PositionEncoding == Encoding::UTF8 ? "utf-8" : "utf-16"},
            {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
            {"definitionProvider", true},
            {"referencesProvider", true},
            {"hoverProvider", true},
            {"documentSymbolProvider", true},
            {"completionProvider", {{"triggerCharacters", {"."}}}},
            {"signatureHelpProvider", {{"triggerCharacters", {"(", ","}}}},
            {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
            {"diagnosticProvider", {{"interFileDependencies", false}, {"workspaceDiagnostics", false}}},
            {"executeCommandProvider", {{"commands", {"tvmscript.compile"}}}}}},
          {"serverInfo", {{"name", "tvmscript"}, {"version", kVersion}}}};
}

Document &LspServer::use(OpenDocument &open) {
  open.lastUsed = ++UseClock;
  if (!open.document) {
    open.document = std::make_unique<Document>(std::move(open.coldText));
    open.coldText.clear();
  }
  size_t hot = 0;
  OpenDocument *oldest = nullptr;
  for (auto &[uri, other] : Documents) {
    if (!other.document) continue;
    ++hot;
    if (!oldest || other.lastUsed < oldest->lastUsed) oldest = &other;
  }
  if (hot > kHotDocuments && oldest != &open) {
    oldest->coldText = std::string(oldest->document->source().text());
    oldest->document.reset();
    malloc_trim(0); // give the tree's and model's pages back to the system
  }
  return *open.document;
}

LspServer::OpenDocument &LspServer::documentOf(const json &params) {
  const json &textDocument = requireField(params, "textDocument", json::value_t::object);
  const std::string &uri = requireField(textDocument, "uri", json::value_t::string).get_ref<const std::string &>();
  auto found = Documents.find(uri);
  if (found == Documents.end()) throw LspError{InvalidParams, "document is not open: " + uri};
  use(found->second);
  return found->second;
}

std::optional<uint32_t> LspServer::offsetOf(const OpenDocument &document, const json &params) {
  std::string problem;
  auto position = positionFrom(requireField(params, "position", json::value_t::object), &problem);
  if (!position) throw LspError{InvalidParams, "field 'position': " + problem};
  const SourceText &source = document.document->source(); // documentOf made it hot
  if (position->line >= source.lineCount()) return std::nullopt;
  return source.offset(*position, PositionEncoding);
}

json LspServer::rangeJson(const OpenDocument &document, Range range) const {
  return toJson(document.document->source(), range, PositionEncoding);
}

json LspServer::locationsJson(const OpenDocument &document, const std::string &uri,
                              const std::vector<Range> &ranges) const {
  json locations = json::array();
  for (Range range : ranges) locations.push_back({{"uri", uri}, {"range", rangeJson(document, range)}});
  return locations;
}

void LspServer::didOpen(const json &params) {
  const json &item = requireField(params, "textDocument", json::value_t::object);
  std::string uri = requireField(item, "uri", json::value_t::string);
  std::string text = requireField(item, "text", json::value_t::string);
  int64_t version = item.contains("version") && item["version"].is_number_integer() ? item["version"].get<int64_t>() : 0;
  OpenDocument &open = Documents[uri];
  open = OpenDocument{nullptr, std::move(text), version, 0};
  use(open);
  publishDiagnostics(uri);
}

void LspServer::didChange(const json &params) {
  OpenDocument &open = documentOf(params);
  std::string uri = params["textDocument"]["uri"];
  const json &changes = requireField(params, "contentChanges", json::value_t::array);
  for (const json &change : changes) {
    if (!change.is_object() || !change.contains("text") || !change["text"].is_string()) {
      // Skipping it would leave the text out of step with the client's: drop the document.
      logError("didChange: a change without text; dropping " + uri + " until it is reopened");
      Documents.erase(uri);
      notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
      return;
    }
    const std::string &text = change["text"].get_ref<const std::string &>();
    if (!change.contains("range")) { // the whole document
      open.document = std::make_unique<Document>(text);
      continue;
    }
    const json &range = change["range"];
    std::string problem;
    auto start = range.is_object() && range.contains("start") ? positionFrom(range["start"], &problem) : std::nullopt;
    auto end = range.is_object() && range.contains("end") ? positionFrom(range["end"], &problem) : std::nullopt;
    const SourceText &source = open.document->source();
    if (!start || !end || start->line > source.lineCount() || end->line > source.lineCount() ||
        std::tie(start->line, start->character) > std::tie(end->line, end->character)) {
      // Applying a change we cannot place would silently corrupt the text: drop the document
      // and say so; the client's next didOpen starts it afresh.
      logError("didChange: invalid range; dropping " + uri + " until it is reopened");
      Documents.erase(uri);
      notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
      notify("window/showMessage",
             {{"type", 2}, {"message", "tvmscript: an edit did not fit the document; reopen " + uri + " to check it again"}});
      return;
    }
    uint32_t begin = source.offset(*start, PositionEncoding);
    uint32_t finish = source.offset(*end, PositionEncoding);
    open.document->edit({begin, finish}, text);
  }
  if (params["textDocument"].contains("version") && params["textDocument"]["version"].is_number_integer())
    open.version = params["textDocument"]["version"].get<int64_t>();
  publishDiagnostics(uri);
}

void LspServer::didClose(const json &params) {
  std::string uri = requireField(requireField(params, "textDocument", json::value_t::object), "uri",
                                 json::value_t::string);
  Documents.erase(uri);
  notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
}

void LspServer::publishDiagnostics(const std::string &uri) {
  auto found = Documents.find(uri);
  if (found == Documents.end()) return;
  OpenDocument &open = found->second;
  std::shared_ptr<const ScriptModel> model = use(open).buildModel();
  json diagnostics = json::array();
  for (const Diagnostic &diagnostic : analyze(*model))
    diagnostics.push_back(toJson(diagnostic, model->source(), PositionEncoding, uri));
  notify("textDocument/publishDiagnostics", {{"uri", uri}, {"version", open.version}, {"diagnostics", diagnostics}});
}

json LspServer::pullDiagnostics(const json &params) {
  OpenDocument &open = documentOf(params);
  std::string uri = params["textDocument"]["uri"];
  std::shared_ptr<const ScriptModel> model = open.document->buildModel();
  json items = json::array();
  for (const Diagnostic &diagnostic : analyze(*model))
    items.push_back(toJson(diagnostic, model->source(), PositionEncoding, uri));
  return {{"kind", "full"}, {"items", items}};
}

json LspServer::definition(const json &params) {
  OpenDocument &open = documentOf(params);
  auto offset = offsetOf(open, params);
  if (!offset) return json::array();
  return locationsJson(open, params["textDocument"]["uri"], locateDefinition(*open.document->buildModel(), *offset));
}

json LspServer::references(const json &params) {
  OpenDocument &open = documentOf(params);
  auto offset = offsetOf(open, params);
  if (!offset) return json::array();
  bool includeDeclaration = true;
  if (params.contains("context") && params["context"].is_object() &&
      params["context"].contains("includeDeclaration") && params["context"]["includeDeclaration"].is_boolean())
    includeDeclaration = params["context"]["includeDeclaration"];
  return locationsJson(open, params["textDocument"]["uri"],
                       findReferences(*open.document->buildModel(), *offset, includeDeclaration));
}

json LspServer::hover(const json &params) {
  OpenDocument &open = documentOf(params);
  auto offset = offsetOf(open, params);
  if (!offset) return nullptr;
  auto info = hoverAt(*open.document->buildModel(), *offset);
  if (!info) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", renderMarkdown(*info)}}}, {"range", rangeJson(open, info->range)}};
}

json LspServer::documentSymbol(const json &params) {
  OpenDocument &open = documentOf(params);
  std::function<json(const DocumentSymbol &)> convert = [&](const DocumentSymbol &symbol) {
    // LSP SymbolKind: 2 Module, 12 Function.
    json children = json::array();
    for (const DocumentSymbol &child : symbol.children) children.push_back(convert(child));
    return json{{"name", symbol.name},
                {"detail", symbol.detail},
                {"kind", symbol.kind == DocumentSymbol::Kind::Module ? 2 : 12},
                {"range", rangeJson(open, symbol.range)},
                {"selectionRange", rangeJson(open, symbol.selectionRange)},
                {"children", children}};
  };
  json result = json::array();
  for (const DocumentSymbol &symbol : documentSymbols(*open.document->buildModel())) result.push_back(convert(symbol));
  return result;
}

json LspServer::completion(const json &params) {
  OpenDocument &open = documentOf(params);
  auto offset = offsetOf(open, params);
  json items = json::array();
  if (!offset) return items;
  for (const CompletionItem &item : completeAt(*open.document->buildModel(), *offset)) {
    // LSP CompletionItemKind: 3 Function, 9 Module, 14 Keyword.
    int kind = item.kind == CompletionItem::Kind::Function ? 3 : item.kind == CompletionItem::Kind::Namespace ? 9 : 14;
    items.push_back({{"label", item.label},
                     {"kind", kind},
                     {"detail", item.detail},
                     {"textEdit", {{"range", rangeJson(open, item.replace)}, {"newText", item.insertText}}}});
  }
  return items;
}

json LspServer::signatureHelp(const json &params) {
  OpenDocument &open = documentOf(params);
  auto offset = offsetOf(open, params);
  if (!offset) return nullptr;
  auto info = signatureHelpAt(*open.document->buildModel(), *offset);
  if (!info) return nullptr;
  // Offsets into the label are "based on a UTF-16 string representation as Position and Range
  // does" (LSP 3.17, ParameterInformation.label): counted like a Position's character, in the
  // negotiated encoding.
  std::string_view label = info->label;
  json parameters = json::array();
  for (auto [begin, end] : info->parameters)
    parameters.push_back({{"label", {lengthIn(label.substr(0, begin), PositionEncoding),
                                     lengthIn(label.substr(0, end), PositionEncoding)}}});
  return {{"signatures", {{{"label", info->label}, {"documentation", info->documentation}, {"parameters", parameters}}}},
          {"activeSignature", 0},
          {"activeParameter", info->activeParameter}};
}

json LspServer::codeAction(const json &params) {
  OpenDocument &open = documentOf(params);
  std::string uri = params["textDocument"]["uri"];
  const json &range = requireField(params, "range", json::value_t::object);
  std::string problem;
  auto start = range.contains("start") ? positionFrom(range["start"], &problem) : std::nullopt;
  auto end = range.contains("end") ? positionFrom(range["end"], &problem) : std::nullopt;
  if (!start || !end) throw LspError{InvalidParams, "field 'range': expected {start, end}"};
  const SourceText &source = open.document->source();
  Range wanted{source.offset(*start, PositionEncoding), source.offset(*end, PositionEncoding)};
  std::shared_ptr<const ScriptModel> model = open.document->buildModel();
  json actions = json::array();
  for (const Diagnostic &diagnostic : analyze(*model)) {
    bool overlaps = diagnostic.range.begin <= wanted.end && wanted.begin <= diagnostic.range.end;
    if (!overlaps) continue;
    for (const Fix &fix : diagnostic.fixes) {
      json edits = json::array();
      for (const TextEdit &edit : fix.edits)
        edits.push_back({{"range", rangeJson(open, edit.range)}, {"newText", edit.newText}});
      actions.push_back({{"title", fix.title},
                         {"kind", "quickfix"},
                         {"isPreferred", diagnostic.fixes.size() == 1},
                         {"diagnostics", {toJson(diagnostic, model->source(), PositionEncoding, uri)}},
                         {"edit", {{"changes", {{uri, edits}}}}}});
    }
  }
  return actions;
}

json LspServer::serverInfo(const json &) {
  json documents = json::array();
  for (const auto &[uri, open] : Documents)
    documents.push_back({{"uri", uri},
                         {"version", open.version},
                         {"bytes", open.document ? open.document->source().size() : open.coldText.size()},
                         {"parsed", open.document != nullptr}});
  // Resident memory from /proc (Linux), for bug reports.
  long pages = 0, resident = 0;
  std::ifstream("/proc/self/statm") >> pages >> resident;
  return {{"name", "tvmscript"},
          {"version", kVersion},
          {"documents", documents},
          {"residentBytes", static_cast<long long>(resident) * sysconf(_SC_PAGESIZE)}};
}

} // namespace tvmscript
