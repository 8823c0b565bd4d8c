// Wires stdin/stdout to the language server.
#include "ServeCommand.h"

#include "CompileWorker.h"
#include "LspServer.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <sys/prctl.h>
#include <sys/resource.h>

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

int runCompileWorker() {
  // A compile nobody waits for is wasted: end with the server (the worker checks that the
  // server did not end before this line ran).
  prctl(PR_SET_PDEATHSIG, SIGKILL);
#if !defined(TVMSCRIPT_SANITIZE)
  // A module that makes code generation grow without end fails its compile (LLVM aborts on
  // an allocation failure), instead of taking the editor's machine with it. (AddressSanitizer
  // reserves terabytes of address space for its shadow memory: no limit under it.)
  rlimit limit{kWorkerAddressSpace, kWorkerAddressSpace};
  setrlimit(RLIMIT_AS, &limit);
#endif
  return runCompileWorker(stdin, stdout);
}

} // namespace tvmscript
