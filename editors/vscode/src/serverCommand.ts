// How the extension starts the server, from its settings: kept free of the vscode module so
// that it can be tested with plain Node.

/** The settings that decide the server command. */
export interface ServerSettings {
  path?: string;
  args?: unknown;
}

/** The executable and arguments that start `tvmscript serve`. */
export interface ServerCommand {
  command: string;
  args: string[];
}

/**
 * `tvmscript serve` plus the user's extra arguments. An empty path means the default binary on
 * PATH; a leading `~/` is the home directory; non-string extra arguments are ignored.
 */
export function serverCommand(settings: ServerSettings, home: string): ServerCommand {
  let command = (settings.path ?? "").trim() || "tvmscript";
  if (command.startsWith("~/")) command = home + command.slice(1);
  const extra = Array.isArray(settings.args) ? settings.args.filter((a): a is string => typeof a === "string") : [];
  return { command, args: ["serve", ...extra] };
}
