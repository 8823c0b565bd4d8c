-- A real client: headless Neovim (0.7 API) drives `tvmscript serve` on fixture.py and checks
-- that diagnostics arrive, that an edit fixing the error clears them, that definition jumps to
-- the callee and that hover shows its buffer shapes.
-- Run: TVMSCRIPT=<binary> nvim --headless -n -u NONE -c "luafile lsp_test.lua"
local binary = os.getenv("TVMSCRIPT")
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)")

local function fail(message)
  io.stderr:write("FAIL: " .. message .. "\n")
  vim.cmd("cquit 1")
end

local function check(condition, message)
  if not condition then fail(message) end
end

vim.cmd("edit " .. here .. "fixture.py")
local buffer = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "tvmscript",
  cmd = { binary, "serve", "--log=error" },
  root_dir = here,
  flags = { debounce_text_changes = 0 },
})
check(client_id ~= nil, "the server did not start")
vim.lsp.buf_attach_client(buffer, client_id)

-- Diagnostics arrive: one shape-mismatch on line 10 (0-based 9).
check(vim.wait(10000, function() return #vim.diagnostic.get(buffer) > 0 end, 20), "no diagnostics arrived")
local diagnostics = vim.diagnostic.get(buffer)
check(#diagnostics == 1, "expected one diagnostic, got " .. #diagnostics)
check(diagnostics[1].lnum == 9, "diagnostic on line " .. diagnostics[1].lnum)
check(diagnostics[1].message:find("add_one") ~= nil, "message: " .. diagnostics[1].message)

-- Definition of `add_one` in `Mod.add_one` (line 10, column 27) is the def on line 13.
local params = { textDocument = { uri = vim.uri_from_bufnr(buffer) }, position = { line = 9, character = 27 } }
local results = vim.lsp.buf_request_sync(buffer, "textDocument/definition", params, 10000)
local response = results and results[client_id]
check(response and response.result and #response.result == 1, "no definition")
check(response.result[1].range.start.line == 12, "definition on line " .. response.result[1].range.start.line)

-- Hover on the callee shows its signature with the buffer's shape and dtype.
results = vim.lsp.buf_request_sync(buffer, "textDocument/hover", params, 10000)
response = results and results[client_id]
local hover = response and response.result and response.result.contents.value or ""
check(hover:find('T.Buffer%(%(1,%), "int8"%)') ~= nil, "hover: " .. hover)

-- Fix the error (A[0:2] -> A[0:1]) with an edit; the diagnostics clear.
vim.api.nvim_buf_set_text(buffer, 9, 36, 9, 37, { "1" })
check(vim.wait(10000, function() return #vim.diagnostic.get(buffer) == 0 end, 20),
      "diagnostics did not clear after the fix: " .. vim.inspect(vim.diagnostic.get(buffer)))

vim.lsp.stop_client(client_id)
io.stdout:write("nvim lsp test: ok\n")
vim.cmd("qall!")
