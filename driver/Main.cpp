// Entry point of the `tvmscript` binary: parses the command line and runs one command.
#include "CheckCommand.h"
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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &error) {
    // Help and version exit 0; every usage mistake is exit code 2.
    int code = app.exit(error);
    return code == 0 ? 0 : 2;
  }
  if (checkCommand->parsed()) return runCheck(check);
  if (serveCommand->parsed()) return runServe(serve);
  return 2;
}
