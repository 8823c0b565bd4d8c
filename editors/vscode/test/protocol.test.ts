// Drives `tvmscript serve` from Node through vscode-languageserver-protocol, configured as the
// extension configures its client: the server command from serverCommand(), Python documents.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { test } from "node:test";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
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
