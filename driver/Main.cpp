// Entry point of the `tvmscript` binary: parses the command line and runs one command.
#include "CheckCommand.h"
#include "CompileCommand.h"
#include "RunCommand.h"
#include "ServeCommand.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>

int main(int argc, char **argv) {
  using namespace tvmscript;
  CLI::App app{"tvmscript: checker, language server and native compiler for TVMScript"};
  app.set_version_flag("--version", std::string("tvmscript ") + TVMSCRIPT_VERSION);
  app.require_subcommand(1);

  CheckOptions check;
  CLI::App *checkCommand = app.add_subcommand("check", "Report diagnostics for files and directories");
  checkCommand->add_option("paths", check.paths, "Files, or directories to search for *.py")
      ->required();
  std::map<std::string, OutputFormat> formats{
      {"text", OutputFormat::Text}, {"json", OutputFormat::Json}, {"sarif", OutputFormat::Sarif}};
  checkCommand->add_option("--format", check.format, "Output format")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
  std::map<std::string, ColorMode> colors{
      {"auto", ColorMode::Auto}, {"always", ColorMode::Always}, {"never", ColorMode::Never}};
  checkCommand->add_option("--color", check.color, "Colour text output: auto, always or never")
      ->transform(CLI::CheckedTransformer(colors, CLI::ignore_case));

  ServeOptions serve;
  CLI::App *serveCommand = app.add_subcommand("serve", "Run the language server over stdio (LSP 3.17)");
  std::map<std::string, LogLevel> levels{
      {"error", LogLevel::Error}, {"info", LogLevel::Info}, {"verbose", LogLevel::Verbose}};
  serveCommand->add_option("--log", serve.log, "Log level on stderr: error, info or verbose")
      ->transform(CLI::CheckedTransformer(levels, CLI::ignore_case))
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  std::map<std::string, InputStyle> styles{{"standard", InputStyle::Standard}, {"delimited", InputStyle::Delimited}};
  serveCommand
      ->add_option("--input-style", serve.inputStyle,
                   "standard (Content-Length framing) or delimited (messages separated by '---' lines, '#' "
                   "comments; for transcript tests)")
      ->transform(CLI::CheckedTransformer(styles, CLI::ignore_case))
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  serveCommand->add_flag("--pretty", serve.pretty, "Pretty-print the JSON the server writes");
  serveCommand->add_option("--compiler", serve.compiler, "The tvmscript executable that runs compiles (default: this one)")
      ->group(""); // for tests of a compiler that crashes
  // The server's compiles: hidden, as only the server starts it.
  CLI::App *workerCommand = app.add_subcommand("compile-worker", "One compile for the language server")->group("");

  // Code generation options shared by compile and run.
  auto addCodegenOptions = [](CLI::App *command, CodegenOptions &codegen) {
    command->add_option("-O", codegen.optLevel, "Optimisation level, 0 to 3 (default 3)")
        ->check(CLI::Range(0, 3))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    command->add_option("--cpu", codegen.cpu, "Target CPU: native (default), generic, or an LLVM CPU name")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    command->add_flag("--fast-math", codegen.fastMath, "Let every floating-point operation reassociate and contract");
    command->add_flag("--strict-fp", codegen.strictFp, "Do not reassociate even reduction updates");
  };

  CompileOptions compile;
  CLI::App *compileCommand = app.add_subcommand("compile", "Compile PrimFuncs to native code");
  compileCommand->add_option("file", compile.file, "A TVMScript file")->required();
  compileCommand->add_option("--module", compile.selection.module, "The IRModule to compile (when the file has several)");
  compileCommand->add_option("--func", compile.selection.functions, "A function to compile (repeatable; default all)");
  compileCommand->add_option("--emit", compile.emit, "obj, shared, exe, llvm, asm or header")
      ->check(CLI::IsMember({"obj", "shared", "exe", "llvm", "asm", "header"}))
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  compileCommand->add_option("-o", compile.output, "Output path ('-' for standard output; default FILE's stem)");
  addCodegenOptions(compileCommand, compile.codegen);

  RunOptions run;
  CLI::App *runCommand = app.add_subcommand("run", "JIT-compile one function and run it");
  runCommand->add_option("file", run.file, "A TVMScript file")->required();
  runCommand->add_option("--module", run.module, "The IRModule (when the file has several)");
  runCommand->add_option("--func", run.function, "The function to run (default: the only public one)");
  runCommand->add_option("--input", run.inputs, "BUFFER=FILE.npy: read a buffer (others get random data)");
  runCommand->add_option("--output", run.outputs, "BUFFER=FILE.npy: write a buffer after the call");
  runCommand->add_option("--set", run.values, "NAME=VALUE: a scalar parameter or shape variable");
  runCommand->add_option("--random", run.seed, "Seed for random inputs (default 0)");
  runCommand->add_option("--repeat", run.repeat, "Calls to time (default 1)")->check(CLI::PositiveNumber);
  runCommand->add_flag("--quiet", run.quiet, "Do not print buffer contents");
  addCodegenOptions(runCommand, run.codegen);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &error) {
    // Help and version exit 0; every usage mistake is exit code 2.
    int code = app.exit(error);
    return code == 0 ? 0 : 2;
  }
  if (checkCommand->parsed()) return runCheck(check);
  if (serveCommand->parsed()) return runServe(serve);
  if (workerCommand->parsed()) return runCompileWorker();
  if (compileCommand->parsed()) return runCompile(compile);
  if (runCommand->parsed()) return runRun(run);
  return 2;
}
