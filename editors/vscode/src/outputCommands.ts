// The native-output commands: "Compile Module" (tvmscript.compile with a cancellable progress
// notification) and "Show LLVM IR / Assembly / C Header" (tvmscript/viewOutput in read-only
// virtual documents beside the source).
import * as vscode from "vscode";
import { ExecuteCommandRequest, LanguageClient, WorkDoneProgress } from "vscode-languageclient/node";
import {
  compileParams,
  compileResultOf,
  compiledMessage,
  EmitKind,
  emitKinds,
  failureMessage,
  isEmitKind,
  outputDocumentOf,
  outputScheme,
  outputUriComponents,
  OutputDocument,
  Selection,
  selectionOf,
  viewOutputParams,
  ViewKind,
} from "./nativeOutputs";

/** The running client, or undefined when the server could not be started. */
export type ClientSource = () => LanguageClient | undefined;

/** Optional arguments of the commands, for keybindings: `{"emit": "obj", "function": "main"}`. */
type CommandArguments = Selection & { emit?: string };

function argumentsOf(value: unknown): CommandArguments {
  // Menus pass the resource's URI: not arguments.
  if (typeof value !== "object" || value === null || value instanceof vscode.Uri) return {};
  const { emit } = value as { emit?: unknown };
  return { ...selectionOf(value), ...(typeof emit === "string" ? { emit } : {}) };
}

/**
 * The file a command applies to: the active editor's Python file (its text as edited, saved or
 * not), or the source of the output document the active editor shows.
 */
function activeSource(): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (document?.uri.scheme === outputScheme) {
    const shown = outputDocumentOf(document.uri.query);
    if (shown) return vscode.Uri.parse(shown.source);
  }
  if (!document || document.languageId !== "python" || document.uri.scheme !== "file") {
    void vscode.window.showWarningMessage("TVMScript: open a TVMScript (.py) file first.");
    return undefined;
  }
  return document.uri;
}

function runningClient(clients: ClientSource): LanguageClient | undefined {
  const client = clients();
  if (!client || !client.isRunning()) {
    void vscode.window.showErrorMessage("TVMScript: the server is not running; see the TVMScript output panel.");
    return undefined;
  }
  return client;
}

let tokens = 0;

async function compileModule(clients: ClientSource, options: unknown): Promise<void> {
  const source = activeSource();
  const client = source && runningClient(clients);
  if (!source || !client) return;
  const args = argumentsOf(options);
  if (args.emit !== undefined && !isEmitKind(args.emit)) {
    void vscode.window.showErrorMessage(`TVMScript: unknown emit kind "${args.emit}" (${emitKinds.join(", ")}).`);
    return;
  }
  const emit: EmitKind | undefined = args.emit;
  const name = source.path.slice(source.path.lastIndexOf("/") + 1);
  let reply: unknown;
  try {
    reply = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `TVMScript: compiling ${name}`, cancellable: true },
      async (progress, cancellation) => {
        // The server reports its stages on a token of ours.
        const token = `tvmscript-compile-${process.pid}-${++tokens}`;
        const listening = client.onProgress(WorkDoneProgress.type, token, (value) => {
          if (value.kind === "report" && value.message) progress.report({ message: value.message });
        });
        try {
          return await client.sendRequest(
            ExecuteCommandRequest.type,
            compileParams(source.toString(), { ...selectionOf(args), emit }, token),
            cancellation,
          );
        } finally {
          listening.dispose();
        }
      },
    );
  } catch (error) {
    const message = failureMessage(error);
    if (message) void vscode.window.showErrorMessage(message);
    return;
  }
  const result = compileResultOf(reply);
  if (!result) {
    void vscode.window.showErrorMessage(`TVMScript: unexpected reply to tvmscript.compile: ${JSON.stringify(reply)}`);
    return;
  }
  const files = result.files.map((file) => vscode.Uri.parse(file));
  const message = compiledMessage(result.emit, files.map((file) => vscode.workspace.asRelativePath(file)));
  const textual = result.emit === "llvm" || result.emit === "asm" || result.emit === "header";
  const actions = [...(textual ? ["Open"] : []), "Reveal in Explorer", "Open Containing Folder"];
  const chosen = await vscode.window.showInformationMessage(message, ...actions);
  if (!chosen || files.length === 0) return;
  if (chosen === "Open") await vscode.window.showTextDocument(files[0], { viewColumn: vscode.ViewColumn.Beside });
  else if (chosen === "Reveal in Explorer") await vscode.commands.executeCommand("revealInExplorer", files[0]);
  else await vscode.commands.executeCommand("revealFileInOS", files[0]);
}

/**
 * Serves `tvmscript-output:` documents. A command asks the server first (so that a failure is a
 * message, not a document) and leaves the text here; a document VS Code reopens by itself
 * (after a reload) is asked for again.
 */
class OutputDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;

  constructor(private readonly clients: ClientSource) {}

  /** Records new text for `uri` and tells an open document to read it again. */
  update(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changes.fire(uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const known = this.texts.get(uri.toString());
    if (known !== undefined) return known;
    const document = outputDocumentOf(uri.query);
    const client = this.clients();
    if (!document || !client) return "";
    try {
      return (await requestView(client, document)).text;
    } catch (error) {
      return failureMessage(error) ?? "";
    }
  }

  dispose(): void {
    this.changes.dispose();
  }
}

async function requestView(client: LanguageClient, document: OutputDocument): Promise<{ text: string; language: string }> {
  const reply: any = await client.sendRequest("tvmscript/viewOutput", viewOutputParams(document.source, document.kind, document));
  if (typeof reply?.text !== "string") throw new Error("unexpected reply to tvmscript/viewOutput");
  return { text: reply.text, language: typeof reply.language === "string" ? reply.language : "plaintext" };
}

async function showOutput(clients: ClientSource, provider: OutputDocuments, kind: ViewKind, options: unknown): Promise<void> {
  const source = activeSource();
  const client = source && runningClient(clients);
  if (!source || !client) return;
  const document: OutputDocument = { ...selectionOf(options), source: source.toString(), kind };
  let view: { text: string; language: string };
  try {
    view = await requestView(client, document);
  } catch (error) {
    const message = failureMessage(error);
    if (message) void vscode.window.showErrorMessage(message);
    return;
  }
  const uri = vscode.Uri.from(outputUriComponents(document, source.path));
  provider.update(uri, view.text);
  let opened = await vscode.workspace.openTextDocument(uri);
  // VS Code knows "c"; "llvm" and "asm" need an extension that defines them: plain text otherwise.
  if (opened.languageId !== view.language)
    opened = await vscode.languages.setTextDocumentLanguage(opened, view.language).then(
      (document) => document,
      () => opened,
    );
  await vscode.window.showTextDocument(opened, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

/** Registers the commands and the virtual-document provider. */
export function registerOutputCommands(context: vscode.ExtensionContext, clients: ClientSource): void {
  const provider = new OutputDocuments(clients);
  context.subscriptions.push(
    provider,
    vscode.workspace.registerTextDocumentContentProvider(outputScheme, provider),
    vscode.commands.registerCommand("tvmscript.compileModule", (options?: unknown) => compileModule(clients, options)),
    vscode.commands.registerCommand("tvmscript.showLlvmIr", (options?: unknown) => showOutput(clients, provider, "llvm", options)),
    vscode.commands.registerCommand("tvmscript.showAssembly", (options?: unknown) => showOutput(clients, provider, "asm", options)),
    vscode.commands.registerCommand("tvmscript.showHeader", (options?: unknown) => showOutput(clients, provider, "header", options)),
  );
}
