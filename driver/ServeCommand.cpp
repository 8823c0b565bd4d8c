// Wires stdin/stdout to the language server.
#include "ServeCommand.h"

#include "LspServer.h"

#include <cstdio>

namespace tvmscript {

int runServe(const ServeOptions &options) {
  setLogLevel(options.log);
  Transport transport(stdin, stdout, options.inputStyle, options.pretty);
  logInfo("tvmscript " TVMSCRIPT_VERSION " serving on stdio");
  return LspServer(transport).run(/*readAllFirst=*/options.inputStyle == InputStyle::Delimited);
}

} // namespace tvmscript
