-- :checkhealth tvmscript — the binary is found, reports its version, and the server starts.
local M = {}

-- vim.health on 0.10+, the health module before it.
local health = vim.health or require("health")
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local error = health.error or health.report_error

function M.check()
  start("tvmscript")
  local cmd = require("tvmscript").options.cmd
  local binary = cmd[1]
  if vim.fn.executable(binary) ~= 1 then
    error(("'%s' was not found; install tvmscript or set cmd in require('tvmscript').setup()"):format(binary))
    return
  end
  ok("binary: " .. vim.fn.exepath(binary))
  local version = vim.fn.system({ binary, "--version" })
  if vim.v.shell_error ~= 0 then
    error("'" .. binary .. " --version' failed: " .. version)
    return
  end
  ok("version: " .. vim.trim(version))
  -- Start the server and complete an initialize/shutdown handshake.
  local request = '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}\n---\n'
    .. '{"jsonrpc":"2.0","id":2,"method":"shutdown"}\n---\n{"jsonrpc":"2.0","method":"exit"}\n'
  local args = vim.list_extend(vim.deepcopy(cmd), { "--input-style=delimited" })
  local reply = vim.fn.system(args, request)
  if vim.v.shell_error == 0 and reply:find('"capabilities"', 1, true) then
    ok("the server starts and answers initialize")
  else
    error("the server did not answer initialize: " .. reply)
  end
end

return M
