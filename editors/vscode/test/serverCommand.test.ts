// The server command the extension builds from its settings.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { serverCommand } from "../src/serverCommand";

test("defaults to tvmscript serve on PATH", () => {
  assert.deepEqual(serverCommand({}, "/home/u"), { command: "tvmscript", args: ["serve"] });
  assert.deepEqual(serverCommand({ path: "  " }, "/home/u"), { command: "tvmscript", args: ["serve"] });
});

test("takes an absolute path, expands ~/ and appends extra arguments", () => {
  assert.deepEqual(serverCommand({ path: "/opt/tvmscript/bin/tvmscript", args: ["--log=verbose"] }, "/home/u"), {
    command: "/opt/tvmscript/bin/tvmscript",
    args: ["serve", "--log=verbose"],
  });
  assert.equal(serverCommand({ path: "~/bin/tvmscript" }, "/home/u").command, "/home/u/bin/tvmscript");
});

test("ignores extra arguments that are not strings", () => {
  assert.deepEqual(serverCommand({ args: ["--log=error", 3, null] }, "/h").args, ["serve", "--log=error"]);
  assert.deepEqual(serverCommand({ args: "--log=error" }, "/h").args, ["serve"]);
});
