-- The Neovim plugin as a user loads it: on the runtimepath, setup() with the binary, a Python
-- file opened with filetype detection on. Checks diagnostics, definition, hover and
-- :checkhealth tvmscript.
-- Run: TVMSCRIPT=<binary> nvim --headless -n -u NONE -c "luafile plugin_test.lua"
local binary = os.getenv("TVMSCRIPT")
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)")

local function fail(message)
  io.stderr:write("FAIL: " .. message .. "\n")
  vim.cmd("cquit 1")
end
local function check(condition, message)
  if not condition then fail(message) end
end

vim.opt.runtimepath:prepend(here .. "../../editors/nvim")
vim.cmd("filetype on")
require("tvmscript").setup({ cmd = { binary, "serve", "--log=error" }, client = { flags = { debounce_text_changes = 0 } } })
vim.cmd("edit " .. here .. "fixture.py")
local buffer = vim.api.nvim_get_current_buf()
check(vim.bo.filetype == "python", "filetype is " .. vim.bo.filetype)

check(vim.wait(10000, function() return #vim.diagnostic.get(buffer) == 1 end, 20), "no diagnostics arrived")
check(vim.diagnostic.get(buffer)[1].code == "shape-mismatch", "diagnostic: " .. vim.inspect(vim.diagnostic.get(buffer)))

local params = { textDocument = { uri = vim.uri_from_bufnr(buffer) }, position = { line = 9, character = 27 } }
local definition = vim.lsp.buf_request_sync(buffer, "textDocument/definition", params, 10000)
local found = false
for _, response in pairs(definition or {}) do
  if response.result and response.result[1] and response.result[1].range.start.line == 12 then found = true end
end
check(found, "definition did not reach add_one: " .. vim.inspect(definition))

local hover = vim.lsp.buf_request_sync(buffer, "textDocument/hover", params, 10000)
local text = ""
for _, response in pairs(hover or {}) do
  if response.result then text = response.result.contents.value end
end
check(text:find("T.Buffer", 1, true) ~= nil, "hover: " .. text)

vim.cmd("checkhealth tvmscript")
local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
check(report:find("the server starts and answers initialize", 1, true) ~= nil, "checkhealth: " .. report)

io.stdout:write("nvim plugin test: ok\n")
vim.cmd("qall!")
