// Drives `tvmscript serve` from Node through vscode-languageserver-protocol, configured as the
// extension configures its client: the server command from serverCommand(), Python documents,
// the compile settings as initializationOptions and didChangeConfiguration, and the requests
// of its native-output commands.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import {
  createProtocolConnection,
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  PublishDiagnosticsParams,
  WorkDoneProgress,
  WorkDoneProgressBegin,
  WorkDoneProgressEnd,
  WorkDoneProgressReport,
} from "vscode-languageserver-protocol/node";
import { compileParams, compileResultOf, configurationSettings, initializationOptions, viewOutputParams } from "../src/nativeOutputs";
import { serverCommand } from "../src/serverCommand";

const binary = process.env.TVMSCRIPT ?? path.resolve(__dirname, "../../../../build/tvmscript");

const text = [
  "from tvm.script import ir as I",
  "from tvm.script import tir as T",
  "",
  "@I.ir_module",
  "class Mod:",
  "    @T.prim_func",
  '    def main(A: T.Buffer((8,), "int8")):',
  "        T.call_tir(Mod.add_one, A[0:2])",
  "",
  "    @T.prim_func(private=True)",
  '    def add_one(X: T.Buffer((1,), "int8")):',
  "        X[0] = X[0] + T.int8(1)",
  "",
].join("\n");

test("diagnostics, definition and hover through the protocol client", async () => {
  const { command, args } = serverCommand({ path: binary, args: ["--log=error"] }, "/");
  const server = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) =>
    connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => resolve(params)),
  );
  connection.listen();

  const init: any = await connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
  assert.equal(init.capabilities.positionEncoding, "utf-16");
  assert.equal(init.capabilities.definitionProvider, true);
  await connection.sendNotification("initialized", {});
  const uri = "file:///workspace/mod.py";
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "python", version: 1, text } });

  const published = await diagnostics;
  assert.equal(published.uri, uri);
  assert.equal(published.diagnostics.length, 1);
  assert.equal(published.diagnostics[0].code, "shape-mismatch");
  assert.equal(published.diagnostics[0].range.start.line, 7);

  const position = { line: 7, character: 24 }; // on `add_one` in `Mod.add_one`
  const definition: any = await connection.sendRequest("textDocument/definition", { textDocument: { uri }, position });
  assert.equal(definition[0].range.start.line, 10);
  const hover: any = await connection.sendRequest("textDocument/hover", { textDocument: { uri }, position });
  assert.match(hover.contents.value, /T\.Buffer\(\(1,\), "int8"\)/);

  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  const code = await new Promise<number | null>((resolve) => server.on("exit", resolve));
  assert.equal(code, 0);
  connection.dispose();
});

const kernel = [
  "from tvm.script import tir as T",
  "",
  "@T.prim_func",
  'def scale(A: T.Buffer((4,), "float32"), k: T.float32):',
  "    for i in range(4):",
  "        A[i] = A[i] * k",
  "",
].join("\n");

async function startServer(): Promise<{ connection: ProtocolConnection; stopped: Promise<number | null> }> {
  const { command, args } = serverCommand({ path: binary, args: ["--log=error"] }, "/");
  const server = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
  const stopped = new Promise<number | null>((resolve) => server.on("exit", resolve));
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  connection.listen();
  return { connection, stopped };
}

test("compile writes a library into the workspace and viewOutput shows the header", async (t) => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), "tvmscript-vscode-"));
  t.after(() => rmSync(workspace, { recursive: true, force: true }));
  const { connection, stopped } = await startServer();

  // As the extension starts its client: the workspace folder and the compile settings.
  const workspaceUri = pathToFileURL(workspace).toString();
  const init: any = await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: workspaceUri,
    workspaceFolders: [{ uri: workspaceUri, name: "w" }],
    capabilities: { window: { workDoneProgress: true } },
    initializationOptions: initializationOptions({ outputDirectory: "out/native", emit: "obj" }),
  });
  assert.deepEqual(init.capabilities.executeCommandProvider.commands, ["tvmscript.compile"]);
  await connection.sendNotification("initialized", {});
  const uri = pathToFileURL(path.join(workspace, "kernel.py")).toString();
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "python", version: 1, text: kernel } });

  // Compile Module with an explicit emit, reporting progress on the command's token.
  const progress: string[] = [];
  connection.onProgress(WorkDoneProgress.type, "compile-1", (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd) =>
    progress.push(value.kind),
  );
  const shared = compileResultOf(
    await connection.sendRequest(ExecuteCommandRequest.type, compileParams(uri, { emit: "shared" }, "compile-1")),
  );
  const library = path.join(workspace, "out/native/kernel.so");
  assert.deepEqual(shared, { files: [pathToFileURL(library).toString()], emit: "shared" });
  assert.ok(statSync(library).size > 0);
  assert.equal(progress[0], "begin");
  assert.equal(progress[progress.length - 1], "end");

  // Without emit, the emit setting from initializationOptions.
  const object = compileResultOf(await connection.sendRequest(ExecuteCommandRequest.type, compileParams(uri)));
  assert.equal(object?.emit, "obj");
  assert.ok(existsSync(path.join(workspace, "out/native/kernel.o")));

  // A change of the settings, sent as the extension's middleware sends it.
  await connection.sendNotification(DidChangeConfigurationNotification.type, {
    settings: configurationSettings({ outputDirectory: "gen", emit: "header" }),
  });
  const header = compileResultOf(await connection.sendRequest(ExecuteCommandRequest.type, compileParams(uri)));
  assert.deepEqual(header, { files: [pathToFileURL(path.join(workspace, "gen/kernel.h")).toString()], emit: "header" });

  // Show C Header.
  const view: any = await connection.sendRequest("tvmscript/viewOutput", viewOutputParams(uri, "header"));
  assert.equal(view.language, "c");
  assert.match(view.text, /int32_t scale\(float \*__restrict A, float k\);/);

  // A file with errors: the server's message, as the extension shows it.
  const bad = pathToFileURL(path.join(workspace, "bad.py")).toString();
  const broken = kernel.replace("A[i] = A[i] * k", "A[i, 0] = A[i] * k");
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri: bad, languageId: "python", version: 1, text: broken } });
  await assert.rejects(connection.sendRequest(ExecuteCommandRequest.type, compileParams(bad, { emit: "shared" })), (error: any) => {
    assert.equal(error.code, -32803);
    assert.match(error.message, /^the file has errors; line 6: /);
    return true;
  });
  assert.ok(!existsSync(path.join(workspace, "gen/bad.so")));

  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  assert.equal(await stopped, 0);
  connection.dispose();
});
