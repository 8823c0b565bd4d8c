// The language server's protocol layer: JSON-RPC dispatch, lifecycle, capabilities, document
// sync. Handlers are thin: they convert positions and call the feature functions.
#pragma once

#include "CompileJob.h"
#include "CompileOutput.h"
#include "Document.h"
#include "Protocol.h"
#include "Transport.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace tvmscript {

struct ServerOptions {
  /// The `tvmscript` executable whose `compile-worker` runs each compile; empty: compiles are
  /// refused.
  std::filesystem::path compiler;
  /// A compile running longer is stopped.
  std::chrono::seconds compileTimeLimit{300};
  /// Compiles that run at once (each may take a core and a gigabyte); more wait their turn.
  size_t maxCompiles = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
};

class LspServer {
public:
  explicit LspServer(Transport &transport, ServerOptions options = {});

  /// Serves until `exit` or end of input. Returns the process exit code: 0 after a shutdown
  /// request, 1 otherwise (as LSP asks). A reader thread queues incoming messages so that a
  /// request cancelled while it waits is answered RequestCancelled instead of being served.
  /// With `readAllFirst` (transcript tests, the fuzzer) the whole input is read on the calling
  /// thread and queued before serving starts, and compiles are served one at a time (each
  /// finishes before the next message is read), which makes replies come in a fixed order and
  /// lets the transport and the server be destroyed as soon as run() returns. Otherwise
  /// compiles run while later requests are served, and are killed when input ends.
  int run(bool readAllFirst = false);

private:
  using Handler = std::function<json(const json &params)>;
  /// A request answered later, by a call to reply() or replyError() (or answered at once by
  /// throwing LspError).
  using DeferredHandler = std::function<void(const json &id, const json &params)>;
  using NotificationHandler = std::function<void(const json &params)>;

  void handleMessage(const std::string &body);
  void reply(const json &id, json result);
  void replyError(const json &id, int code, const std::string &message);
  void notify(const std::string &method, json params);

  // Lifecycle.
  json initialize(const json &params);
  // Documents.
  void didOpen(const json &params);
  void didChange(const json &params);
  void didClose(const json &params);
  void publishDiagnostics(const std::string &uri);
  // Features.
  json definition(const json &params);
  json references(const json &params);
  json hover(const json &params);
  json documentSymbol(const json &params);
  json completion(const json &params);
  json signatureHelp(const json &params);
  json codeAction(const json &params);
  json pullDiagnostics(const json &params);
  json serverInfo(const json &params);
  // Native code, compiled by workers (CompileJob).
  void executeCommand(const json &id, const json &params);
  void compile(const json &id, const json &arguments, const json &workDoneToken);
  void viewOutput(const json &id, const json &params);
  /// A compile request: the worker's request, and how its answer becomes the reply.
  struct PendingCompile {
    json id;
    std::string request; // JSON text
    json token;
    bool reporting = false; // $/progress with `token`
    std::function<json(const json &answer)> finish;
  };
  /// Starts a worker on `request` for request `id` (or queues it while Options.maxCompiles
  /// run); `finish` turns its answer into the reply. Throws LspError for a duplicate id.
  void startCompile(const json &id, const json &request, const json &workDoneToken, const std::string &title,
                    std::function<json(const json &answer)> finish);
  void launchCompile(PendingCompile compile);
  /// Ends the progress of `compile` and replies with `outcome`.
  void finishCompile(const PendingCompile &compile, const CompileOutcome &outcome);
  /// Kills the worker of request `id`, or takes it from the queue.
  void cancelCompile(const json &id);
  void notifyProgress(const json &token, json value);
  /// Runs `task` on the serving thread, before any message still queued.
  void post(std::function<void()> task);
  /// Reads `tvmscript.compile.*` settings (initializationOptions or didChangeConfiguration).
  void readSettings(const json &settings);
  /// The text of the document at `uri`: the open one, else the file on disk, which must be a
  /// regular file no larger than a message may be.
  std::string textForCompile(const std::string &uri);

  /// An open file. Only the most recently used few keep their syntax tree and model (tens of
  /// megabytes for a large file); the others keep their text and are parsed again when used.
  struct OpenDocument {
    std::unique_ptr<Document> document; // null while cold
    std::string coldText;
    int64_t version = 0;
    uint64_t lastUsed = 0;
  };
  static constexpr size_t kHotDocuments = 2;
  /// Makes `open` hot (parsing it if it was cold) and lets the least recently used go cold.
  Document &use(OpenDocument &open);
  /// The document named by `params.textDocument.uri` and the byte offset of `params.position`
  /// (characters past a line's end clamp to it; lines past the end give nullopt).
  OpenDocument &documentOf(const json &params);
  std::optional<uint32_t> offsetOf(const OpenDocument &document, const json &params);
  json rangeJson(const OpenDocument &document, Range range) const;
  json locationsJson(const OpenDocument &document, const std::string &uri, const std::vector<Range> &ranges) const;

  void readerLoop();
  /// Whether request `id` was cancelled (and forgets it).
  bool takeCancellation(const json &id);

  Transport &Channel;
  // Shared with the reader thread.
  std::mutex QueueMutex;
  std::condition_variable QueueChanged;
  std::deque<std::string> Queue;
  std::deque<std::function<void()>> Posted; // served before Queue
  std::set<std::string> Cancelled; // ids (as JSON text) of requests to answer RequestCancelled
  bool InputEnded = false;

  std::map<std::string, Handler> Requests;
  std::map<std::string, DeferredHandler> DeferredRequests;
  std::map<std::string, NotificationHandler> Notifications;
  std::map<std::string, OpenDocument> Documents;
  Encoding PositionEncoding = Encoding::UTF16;
  uint64_t UseClock = 0;
  ServerOptions Options;
  /// Running compiles by request id (as JSON text), and those waiting for one to end; only the
  /// serving thread touches them.
  std::map<std::string, std::unique_ptr<CompileJob>> Compiles;
  std::deque<PendingCompile> WaitingCompiles;
  std::filesystem::path WorkspaceRoot;
  std::string OutputDirectory = "build/tvmscript";
  std::string DefaultEmit = "shared";
  bool Initialized = false;
  bool ShutdownRequested = false;
  bool Exited = false;
};

} // namespace tvmscript
