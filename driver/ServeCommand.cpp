// Wires stdin/stdout to the language server.
#include "ServeCommand.h"

#include "CompileWorker.h"
#include "LspServer.h"

#include <cstdio>
#include <cstdlib>

namespace tvmscript {

int runServe(const ServeOptions &options) {
  setLogLevel(options.log);
  Transport transport(stdin, stdout, options.inputStyle, options.pretty);
  logInfo("tvmscript " TVMSCRIPT_VERSION " serving on stdio");
  // The server's reader thread may still be blocked on (or reading) stdin when `exit` arrives,
  // and nothing can interrupt it: end the process here, without destroying what it uses.
  // Compiles run in this very executable (/proc/self/exe is it even after a rebuild replaced
  // the file), in a child process each.
  ServerOptions serverOptions;
  serverOptions.compiler = options.compiler.empty() ? "/proc/self/exe" : options.compiler;
  static LspServer *server = new LspServer(transport, serverOptions);
  int code = server->run(/*readAllFirst=*/options.inputStyle == InputStyle::Delimited);
  std::fflush(stdout);
  std::fflush(stderr);
  std::_Exit(code);
}

int runCompileWorker() { return runCompileWorker(stdin, stdout); }

} // namespace tvmscript
