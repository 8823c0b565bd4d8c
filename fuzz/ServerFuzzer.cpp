// Fuzz target: a Content-Length stream of JSON-RPC messages into the language server, in process,
// after an initialize and a didOpen of a TVMScript module, so that most messages act on an open
// document: edits, position requests, compiles (into a temporary workspace), bad framing.
//
// Built with libFuzzer, a custom mutator keeps the framing valid most of the time: it mutates one
// message's body, duplicates, drops or swaps messages, or adds a random edit or request for the
// open document; now and then it mutates the raw bytes, to reach the framing code too.
#include "LspServer.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {
using namespace tvmscript;

constexpr std::string_view kDocumentUri = "file:///fuzz/doc.py";

/// The open document: a module with buffers, blocks, a reduction, T.call_tir and a Relax graph.
constexpr std::string_view kDocument = R"(from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tir as T


@I.ir_module
class Module:
    @T.prim_func
    def add_one(A: T.Buffer((8,), "float32"), B: T.Buffer((8,), "float32")):
        for i in range(8):
            with T.block("add"):
                vi = T.axis.spatial(8, i)
                B[vi] = A[vi] + T.float32(1)

    @T.prim_func
    def row_sum(a: T.handle, b: T.handle):
        n = T.int64()
        A = T.match_buffer(a, (n, 4), "float32")
        B = T.match_buffer(b, (n,), "float32")
        for i, k in T.grid(n, 4):
            with T.block("sum"):
                vi, vk = T.axis.remap("SR", [i, k])
                with T.init():
                    B[vi] = T.float32(0)
                B[vi] = B[vi] + A[vi, vk]

    @T.prim_func
    def main(A: T.Buffer((8,), "float32"), C: T.Buffer((8,), "float32")):
        T.call_tir(Module.add_one, A[0:8], C)

    @R.function
    def graph(x: R.Tensor((8,), "float32")) -> R.Tensor((8,), "float32"):
        cls = Module
        y = R.call_tir(cls.add_one, (x,), out_sinfo=R.Tensor((8,), "float32"))
        return y
)";

std::string frame(std::string_view body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

std::string jsonString(std::string_view text) { return nlohmann::json(std::string(text)).dump(); }

/// initialize (compiles go to `workspace`), initialized, didOpen.
std::string prologue(const std::filesystem::path &workspace) {
  return frame(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{},"rootUri":)" +
               jsonString("file://" + workspace.string()) + "}}") +
         frame(R"({"jsonrpc":"2.0","method":"initialized","params":{}})") +
         frame(R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":")" +
               std::string(kDocumentUri) + R"(","languageId":"python","version":1,"text":)" + jsonString(kDocument) +
               "}}}");
}

std::filesystem::path Workspace;
std::FILE *Discard = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  char pattern[] = "/tmp/tvmscript-server-fuzz-XXXXXX";
  if (!mkdtemp(pattern)) {
    std::perror("mkdtemp");
    std::abort();
  }
  Workspace = pattern;
  std::atexit([] {
    std::error_code ignored;
    std::filesystem::remove_all(Workspace, ignored);
  });
  Discard = std::fopen("/dev/null", "w");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string input = prologue(Workspace) + std::string(reinterpret_cast<const char *>(data), size);
  std::FILE *in = fmemopen(input.data(), input.size(), "r");
  {
    Transport transport(in, Discard, InputStyle::Standard);
    LspServer server(transport, {.compiler = TVMSCRIPT_BINARY});
    server.run(/*readAllFirst=*/true);
  }
  std::fclose(in);
  return 0;
}

#ifdef TVMSCRIPT_LIBFUZZER
extern "C" size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t maxSize);

namespace {

/// The bodies of a well-framed stream (only Content-Length headers), or nullopt.
std::optional<std::vector<std::string>> splitFramed(std::string_view input) {
  constexpr std::string_view kHeader = "Content-Length: ";
  std::vector<std::string> bodies;
  while (!input.empty()) {
    if (!input.starts_with(kHeader)) return std::nullopt;
    input.remove_prefix(kHeader.size());
    size_t length = 0;
    auto [end, error] = std::from_chars(input.data(), input.data() + input.size(), length);
    if (error != std::errc()) return std::nullopt;
    input.remove_prefix(end - input.data());
    if (!input.starts_with("\r\n\r\n")) return std::nullopt;
    input.remove_prefix(4);
    if (length > input.size()) return std::nullopt;
    bodies.emplace_back(input.substr(0, length));
    input.remove_prefix(length);
  }
  return bodies;
}

std::string join(const std::vector<std::string> &bodies) {
  std::string stream;
  for (const std::string &body : bodies) stream += frame(body);
  return stream;
}

/// A random edit or position request for the open document.
std::string randomMessage(std::minstd_rand &random) {
  static const char *const kTexts[] = {"", "x", "(", ")", "[", "]", ":", "\n", "    ", "T.", "R.", "cls.",
                                       "A[vi]", "Module.", "T.call_tir(Module.", "# ", "\"", "é", "😀", "\n\n"};
  static const char *const kRequests[] = {"textDocument/hover", "textDocument/definition", "textDocument/references",
                                          "textDocument/completion", "textDocument/signatureHelp",
                                          "textDocument/documentSymbol", "textDocument/codeAction",
                                          "textDocument/diagnostic"};
  // Mostly positions inside the document (a range that does not fit drops it until reopened).
  auto position = [&](uint32_t line, uint32_t character) {
    return "{\"line\":" + std::to_string(line) + ",\"character\":" + std::to_string(character) + "}";
  };
  std::string document = R"({"uri":")" + std::string(kDocumentUri) + "\"";
  uint32_t line = random() % 38, character = random() % 70;
  if (random() % 2) {
    std::string start = position(line, character);
    std::string end = random() % 2 ? start : position(line + random() % 3, random() % 70);
    return R"({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":)" + document +
           R"(,"version":)" + std::to_string(random() % 1000) + R"(},"contentChanges":[{"range":{"start":)" + start +
           ",\"end\":" + end + "},\"text\":" + jsonString(kTexts[random() % std::size(kTexts)]) + "}]}}";
  }
  std::string where = position(line, character);
  return R"({"jsonrpc":"2.0","id":)" + std::to_string(random() % 100) + R"(,"method":")" +
         kRequests[random() % std::size(kRequests)] + R"(","params":{"textDocument":)" + document +
         "},\"position\":" + where + ",\"range\":{\"start\":" + where + ",\"end\":" + where + "}}}";
}

size_t store(const std::string &stream, uint8_t *data, size_t maxSize) {
  if (stream.size() > maxSize) return 0;
  std::memcpy(data, stream.data(), stream.size());
  return stream.size();
}

} // namespace

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t maxSize, unsigned int seed) {
  std::minstd_rand random(seed);
  auto bodies = splitFramed({reinterpret_cast<const char *>(data), size});
  if (!bodies || random() % 16 == 0) return LLVMFuzzerMutate(data, size, maxSize);
  size_t pick = bodies->empty() ? 0 : random() % bodies->size();
  switch (bodies->empty() ? 0 : random() % 8) {
  case 0:
    bodies->insert(bodies->begin() + (bodies->empty() ? 0 : random() % (bodies->size() + 1)), randomMessage(random));
    break;
  case 1:
    bodies->insert(bodies->begin() + random() % (bodies->size() + 1), (*bodies)[pick]);
    break;
  case 2:
    bodies->erase(bodies->begin() + pick);
    break;
  case 3:
    std::swap((*bodies)[pick], (*bodies)[random() % bodies->size()]);
    break;
  default: {
    std::string &body = (*bodies)[pick];
    size_t used = body.size(), room = used + (maxSize > size ? maxSize - size : 0);
    body.resize(room);
    body.resize(LLVMFuzzerMutate(reinterpret_cast<uint8_t *>(body.data()), used, room));
  }
  }
  size_t stored = store(join(*bodies), data, maxSize);
  return stored ? stored : LLVMFuzzerMutate(data, size, maxSize);
}

extern "C" size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1, const uint8_t *data2, size_t size2,
                                            uint8_t *out, size_t maxOutSize, unsigned int seed) {
  std::minstd_rand random(seed);
  auto first = splitFramed({reinterpret_cast<const char *>(data1), size1});
  auto second = splitFramed({reinterpret_cast<const char *>(data2), size2});
  std::string stream;
  if (first && second) {
    // Messages from the start of one stream, then from the end of the other.
    std::vector<std::string> bodies(first->begin(), first->begin() + (first->empty() ? 0 : random() % (first->size() + 1)));
    bodies.insert(bodies.end(), second->begin() + (second->empty() ? 0 : random() % (second->size() + 1)), second->end());
    stream = join(bodies);
  } else {
    stream.assign(reinterpret_cast<const char *>(data1), size1 / 2);
    stream.append(reinterpret_cast<const char *>(data2) + size2 / 2, size2 - size2 / 2);
  }
  return store(stream, out, maxOutSize);
}
#endif
