// The native-output side of the extension as plain data: settings → initializationOptions, the
// tvmscript.compile and tvmscript/viewOutput parameters, the virtual documents' URIs and the
// messages shown. Free of the vscode module so that it can be tested with plain Node.

/** What `tvmscript.compile` can write, as the server names them. */
export const emitKinds = ["obj", "shared", "exe", "llvm", "asm", "header"] as const;
export type EmitKind = (typeof emitKinds)[number];

/** What `tvmscript/viewOutput` can show. */
export const viewKinds = ["llvm", "asm", "header"] as const;
export type ViewKind = (typeof viewKinds)[number];

export function isEmitKind(value: unknown): value is EmitKind {
  return typeof value === "string" && (emitKinds as readonly string[]).includes(value);
}

export function isViewKind(value: unknown): value is ViewKind {
  return typeof value === "string" && (viewKinds as readonly string[]).includes(value);
}

/** The `tvmscript.compile.*` settings as VS Code returns them (any JSON a user may have typed). */
export interface CompileSettings {
  outputDirectory?: unknown;
  emit?: unknown;
}

/** The server's `compile` settings. */
export interface CompileOptions {
  outputDirectory: string;
  emit: EmitKind;
}

/** The server's defaults, which are also the settings' defaults in package.json. */
export const compileDefaults: CompileOptions = { outputDirectory: "build/tvmscript", emit: "shared" };

/**
 * The server's compile settings from the user's. A blank or non-string output directory and an
 * unknown emit kind become the defaults: always sending both fields means that a setting the
 * user removes goes back to its default in the running server too.
 */
export function compileOptions(settings: CompileSettings): CompileOptions {
  const outputDirectory = typeof settings.outputDirectory === "string" ? settings.outputDirectory.trim() : "";
  return {
    outputDirectory: outputDirectory || compileDefaults.outputDirectory,
    emit: isEmitKind(settings.emit) ? settings.emit : compileDefaults.emit,
  };
}

/** `initialize`'s initializationOptions: `{compile: {outputDirectory?, emit?}}`. */
export function initializationOptions(settings: CompileSettings): { compile: CompileOptions } {
  return { compile: compileOptions(settings) };
}

/**
 * The `settings` of `workspace/didChangeConfiguration`, in the shape the server reads
 * (`settings.tvmscript.compile`), with the same cleaning as initializationOptions.
 */
export function configurationSettings(settings: CompileSettings): { tvmscript: { compile: CompileOptions } } {
  return { tvmscript: { compile: compileOptions(settings) } };
}

/** Which part of a file to compile or show: all of it unless a module or function is named. */
export interface Selection {
  module?: string;
  function?: string;
}

/** The non-empty string `module` and `function` fields of any value (a command's argument). */
export function selectionOf(value: unknown): Selection {
  const fields: Selection = {};
  if (typeof value !== "object" || value === null) return fields;
  const { module, function: name } = value as Record<string, unknown>;
  if (typeof module === "string" && module !== "") fields.module = module;
  if (typeof name === "string" && name !== "") fields.function = name;
  return fields;
}

/** `workspace/executeCommand` parameters for `tvmscript.compile`; without `emit`, the server's default. */
export function compileParams(
  uri: string,
  options: Selection & { emit?: EmitKind } = {},
  workDoneToken?: string,
): { command: string; arguments: object[]; workDoneToken?: string } {
  const argument: Record<string, string> = { uri, ...selectionOf(options) };
  if (options.emit) argument.emit = options.emit;
  const params: { command: string; arguments: object[]; workDoneToken?: string } = {
    command: "tvmscript.compile",
    arguments: [argument],
  };
  if (workDoneToken !== undefined) params.workDoneToken = workDoneToken;
  return params;
}

/** `tvmscript/viewOutput` parameters. */
export function viewOutputParams(uri: string, kind: ViewKind, selection: Selection = {}): object {
  return { uri, kind, ...selectionOf(selection) };
}

/** The URI scheme of the read-only documents that show a file's LLVM IR, assembly or header. */
export const outputScheme = "tvmscript-output";

/** What a virtual output document shows: one view of one source file. */
export interface OutputDocument extends Selection {
  source: string; // the source file's URI
  kind: ViewKind;
}

const suffixes: Record<EmitKind, string> = { obj: ".o", shared: ".so", exe: "", llvm: ".ll", asm: ".s", header: ".h" };

/**
 * The parts of a virtual document's URI (for `Uri.from`): the source's path with the output's
 * suffix instead of `.py` (so that the tab reads `kernel.ll`, with the function's name before
 * the suffix when one is chosen), and everything needed to ask the server again in the query.
 */
export function outputUriComponents(
  document: OutputDocument,
  sourcePath: string,
): { scheme: string; path: string; query: string } {
  const base = sourcePath.replace(/\.py$/, "");
  const path = base + (document.function ? "." + document.function : "") + suffixes[document.kind];
  const query: OutputDocument = { source: document.source, kind: document.kind, ...selectionOf(document) };
  return { scheme: outputScheme, path, query: JSON.stringify(query) };
}

/** The document a virtual URI's (decoded) query names, or undefined for a query we did not write. */
export function outputDocumentOf(query: string): OutputDocument | undefined {
  let value: unknown;
  try {
    value = JSON.parse(query);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  if (typeof fields.source !== "string" || !isViewKind(fields.kind)) return undefined;
  const document: OutputDocument = { source: fields.source, kind: fields.kind };
  return { ...document, ...selectionOf(fields) };
}

/** The reply of `tvmscript.compile`. */
export interface CompileResult {
  files: string[];
  emit: string;
}

/** The compile reply, checked; undefined when it is not `{files: string[], emit: string}`. */
export function compileResultOf(value: unknown): CompileResult | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { files, emit } = value as Record<string, unknown>;
  if (!Array.isArray(files) || !files.every((f) => typeof f === "string") || typeof emit !== "string") return undefined;
  return { files, emit };
}

const descriptions: Record<EmitKind, string> = {
  obj: "object file",
  shared: "shared library",
  exe: "executable",
  llvm: "LLVM IR",
  asm: "assembly",
  header: "C header",
};

/** "Wrote the shared library build/tvmscript/kernel.so", given the files as they should be shown. */
export function compiledMessage(emit: string, shownPaths: string[]): string {
  const what = isEmitKind(emit) ? descriptions[emit] : emit;
  return `TVMScript: wrote the ${what} ${shownPaths.join(", ")}`;
}

/** LSP's RequestCancelled: the user cancelled, nothing to report. */
export const requestCancelled = -32800;

/**
 * What to tell the user about a failed request: the server's own message (for example "the file
 * has errors; line 5: ..."), or undefined when the request was cancelled.
 */
export function failureMessage(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (code === requestCancelled) return undefined;
    if (typeof message === "string" && message !== "") return `TVMScript: ${message}`;
  }
  return `TVMScript: ${String(error)}`;
}
