// The native-output logic the extension's commands are built from: settings, request
// parameters, virtual-document URIs and messages.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import {
  compileDefaults,
  compiledMessage,
  compileOptions,
  compileParams,
  compileResultOf,
  configurationSettings,
  emitKinds,
  failureMessage,
  initializationOptions,
  outputDocumentOf,
  outputUriComponents,
  viewOutputParams,
} from "../src/nativeOutputs";

test("settings become the server's compile options, with defaults for blank or unknown values", () => {
  assert.deepEqual(initializationOptions({ outputDirectory: "out/native", emit: "obj" }), {
    compile: { outputDirectory: "out/native", emit: "obj" },
  });
  assert.deepEqual(compileOptions({}), { outputDirectory: "build/tvmscript", emit: "shared" });
  assert.deepEqual(compileOptions({ outputDirectory: "  ", emit: "wasm" }), compileDefaults);
  assert.deepEqual(compileOptions({ outputDirectory: 3, emit: null }), compileDefaults);
  assert.equal(compileOptions({ outputDirectory: " lib " }).outputDirectory, "lib");
});

test("didChangeConfiguration carries settings.tvmscript.compile, the shape the server reads", () => {
  assert.deepEqual(configurationSettings({ emit: "header" }), {
    tvmscript: { compile: { outputDirectory: "build/tvmscript", emit: "header" } },
  });
});

test("package.json declares the settings with the server's defaults and every emit kind", () => {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, "../../package.json"), "utf8"));
  const properties = manifest.contributes.configuration.properties;
  assert.equal(properties["tvmscript.compile.outputDirectory"].default, compileDefaults.outputDirectory);
  assert.equal(properties["tvmscript.compile.emit"].default, compileDefaults.emit);
  assert.deepEqual([...properties["tvmscript.compile.emit"].enum].sort(), [...emitKinds].sort());
  const commands = manifest.contributes.commands.map((c: { command: string }) => c.command);
  for (const command of ["tvmscript.compileModule", "tvmscript.showLlvmIr", "tvmscript.showAssembly", "tvmscript.showHeader"])
    assert.ok(commands.includes(command), command);
  // The client registers the server's own "tvmscript.compile" command: ours must not clash.
  assert.ok(!commands.includes("tvmscript.compile"));
});

test("compile parameters: the uri, then only what was chosen", () => {
  assert.deepEqual(compileParams("file:///w/k.py"), { command: "tvmscript.compile", arguments: [{ uri: "file:///w/k.py" }] });
  assert.deepEqual(compileParams("file:///w/k.py", { emit: "exe", module: "Mod", function: "" }, "t1"), {
    command: "tvmscript.compile",
    arguments: [{ uri: "file:///w/k.py", emit: "exe", module: "Mod" }],
    workDoneToken: "t1",
  });
});

test("viewOutput parameters", () => {
  assert.deepEqual(viewOutputParams("file:///w/k.py", "asm", { function: "main" }), {
    uri: "file:///w/k.py",
    kind: "asm",
    function: "main",
  });
});

test("virtual documents are named after the source and round-trip through their query", () => {
  const source = "file:///w/dir%20x/kernel.py";
  const header = outputUriComponents({ source, kind: "header" }, "/w/dir x/kernel.py");
  assert.equal(header.scheme, "tvmscript-output");
  assert.equal(header.path, "/w/dir x/kernel.h");
  assert.deepEqual(outputDocumentOf(header.query), { source, kind: "header" });

  const one = outputUriComponents({ source, kind: "llvm", function: "main", module: "Mod" }, "/w/dir x/kernel.py");
  assert.equal(one.path, "/w/dir x/kernel.main.ll");
  assert.deepEqual(outputDocumentOf(one.query), { source, kind: "llvm", function: "main", module: "Mod" });
  assert.equal(outputUriComponents({ source, kind: "asm" }, "/w/k.py").path, "/w/k.s");
});

test("queries the extension did not write name no document", () => {
  assert.equal(outputDocumentOf(""), undefined);
  assert.equal(outputDocumentOf("kind=llvm"), undefined);
  assert.equal(outputDocumentOf('{"source":"file:///w/k.py","kind":"shared"}'), undefined);
  assert.equal(outputDocumentOf('{"kind":"llvm"}'), undefined);
  assert.equal(outputDocumentOf("null"), undefined);
});

test("compile replies are checked and described", () => {
  assert.deepEqual(compileResultOf({ files: ["file:///w/b/k.so"], emit: "shared" }), { files: ["file:///w/b/k.so"], emit: "shared" });
  assert.equal(compileResultOf({ files: [1], emit: "shared" }), undefined);
  assert.equal(compileResultOf(null), undefined);
  assert.equal(compiledMessage("shared", ["build/tvmscript/k.so"]), "TVMScript: wrote the shared library build/tvmscript/k.so");
  assert.equal(compiledMessage("header", ["k.h"]), "TVMScript: wrote the C header k.h");
});

test("failures show the server's message; a cancelled request shows nothing", () => {
  assert.equal(
    failureMessage({ code: -32803, message: "the file has errors; line 5: buffer 'A' ..." }),
    "TVMScript: the file has errors; line 5: buffer 'A' ...",
  );
  assert.equal(failureMessage({ code: -32800, message: "the compile was cancelled" }), undefined);
  assert.equal(failureMessage("boom"), "TVMScript: boom");
});
