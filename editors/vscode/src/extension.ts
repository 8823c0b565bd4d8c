// The TVMScript extension: runs `tvmscript serve` for Python files, beside Pylance (the server
// decides what is TVMScript), with a status bar item, a restart command and the native-output
// commands (compile, show LLVM IR / assembly / C header).
import * as os from "os";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from "vscode-languageclient/node";
import { CompileSettings, configurationSettings, initializationOptions } from "./nativeOutputs";
import { registerOutputCommands } from "./outputCommands";
import { serverCommand } from "./serverCommand";

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem;

function compileSettings(): CompileSettings {
  const settings = vscode.workspace.getConfiguration("tvmscript.compile");
  return { outputDirectory: settings.get("outputDirectory"), emit: settings.get("emit") };
}

function createClient(): LanguageClient {
  const settings = vscode.workspace.getConfiguration("tvmscript.server");
  const { command, args } = serverCommand({ path: settings.get("path"), args: settings.get("args") }, os.homedir());
  const serverOptions: ServerOptions = { command, args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "python" }],
    outputChannelName: "TVMScript",
    initializationOptions: initializationOptions(compileSettings()),
    // workspace/didChangeConfiguration after start and on every change of these settings, with
    // {settings: {tvmscript: {compile}}} as the server reads it, cleaned as at initialize.
    synchronize: { configurationSection: "tvmscript.compile" },
    middleware: {
      workspace: {
        didChangeConfiguration: () =>
          created.sendNotification(DidChangeConfigurationNotification.type, {
            settings: configurationSettings(compileSettings()),
          }),
      },
    },
  };
  const created = new LanguageClient("tvmscript", "TVMScript", serverOptions, clientOptions);
  created.onDidChangeState((event) => showState(event.newState));
  return created;
}

function showState(state: State): void {
  const text = { [State.Starting]: "$(sync~spin) TVMScript", [State.Running]: "$(check) TVMScript", [State.Stopped]: "$(error) TVMScript" };
  status.text = text[state];
  status.tooltip = state === State.Stopped ? "The TVMScript server is not running: click to restart" : "TVMScript server";
  status.show();
}

async function restart(): Promise<void> {
  if (client) await client.stop().catch(() => undefined);
  client = createClient();
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 0);
  status.command = "tvmscript.restartServer";
  context.subscriptions.push(status, vscode.commands.registerCommand("tvmscript.restartServer", restart));
  registerOutputCommands(context, () => client);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("tvmscript.server")) void restart();
    }),
  );
  client = createClient();
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(`TVMScript: could not start the server (${error}); set tvmscript.server.path.`);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
