// Wires stdin/stdout to the language server.
#include "ServeCommand.h"

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
  static LspServer *server = new LspServer(transport);
  int code = server->run(/*readAllFirst=*/options.inputStyle == InputStyle::Delimited);
  std::fflush(stdout);
  std::fflush(stderr);
  std::_Exit(code);
}

} // namespace tvmscript
