-- The Neovim plugin as a user loads it: on the runtimepath, setup() with the binary, a Python
-- file opened with filetype detection on. Checks diagnostics, definition, hover,
-- :TVMScriptCompile (a shared library in a fresh project, and a file with errors),
-- :TVMScriptShowIR header and :checkhealth tvmscript.
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

-- What the commands report.
local notes = {}
vim.notify = function(message, level) table.insert(notes, { message = message, level = level }) end
local function last_note() return notes[#notes] or { message = "(none)" } end

vim.opt.runtimepath:prepend(here .. "../../editors/nvim")
vim.cmd("filetype on")
require("tvmscript").setup({
  cmd = { binary, "serve", "--log=error" },
  compile = { outputDirectory = "out/native" },
  client = { flags = { debounce_text_changes = 0 } },
})
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

-- :TVMScriptCompile shared in a fresh project (its root marked by pyproject.toml): the library
-- goes to the compile.outputDirectory given to setup().
local project = vim.fn.tempname()
vim.fn.mkdir(project, "p")
vim.fn.writefile({}, project .. "/pyproject.toml")
vim.fn.writefile(vim.fn.readfile(here .. "kernel.py"), project .. "/kernel.py")
vim.cmd("edit " .. project .. "/kernel.py")
local kernel = vim.api.nvim_get_current_buf()
local function initialized_client(buf)
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.lsp.buf_get_clients(buf)
  for _, client in pairs(clients) do
    if client.initialized then return client end
  end
end
check(vim.wait(10000, function() return initialized_client(kernel) ~= nil end, 20), "no server for kernel.py")
check(initialized_client(kernel).config.root_dir == project, "root: " .. tostring(initialized_client(kernel).config.root_dir))

check(vim.deep_equal(vim.fn.getcompletion("TVMScriptCompile sh", "cmdline"), { "shared" }), "completion of emit kinds")
local noted = #notes
vim.cmd("TVMScriptCompile shared")
check(vim.wait(20000, function() return #notes > noted end, 20), "no report from :TVMScriptCompile")
local library = project .. "/out/native/kernel.so"
check(last_note().message:find("wrote .*out/native/kernel%.so$") ~= nil, "report: " .. last_note().message)
local elf = io.open(library, "rb")
check(elf ~= nil and elf:read(4) == "\127ELF", "not a library: " .. library)
elf:close()

-- :TVMScriptShowIR header: a read-only scratch split with the function's prototype.
vim.cmd("TVMScriptShowIR header")
local prototype = "int32_t scale(float *__restrict A, float k);"
local function header_shown()
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  return vim.api.nvim_get_current_buf() ~= kernel and vim.tbl_contains(lines, prototype)
end
check(vim.wait(10000, header_shown, 20), "no header: " .. table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n"))
check(vim.bo.buftype == "nofile" and vim.bo.bufhidden == "wipe", "not a scratch buffer")
check(not vim.bo.modifiable and vim.bo.readonly, "the header buffer is writable")
check(vim.bo.filetype == "c", "header filetype: " .. vim.bo.filetype)
check(#vim.api.nvim_tabpage_list_wins(0) == 2, "not in a split")
vim.cmd("close")

-- A file with errors is not compiled: the server's message, as an error.
vim.cmd("edit " .. here .. "fixture.py")
noted = #notes
vim.cmd("TVMScriptCompile")
check(vim.wait(20000, function() return #notes > noted end, 20), "no report for a file with errors")
check(last_note().level == vim.log.levels.ERROR and last_note().message:find("the file has errors; line 10:", 1, true) ~= nil,
      "report: " .. last_note().message)

vim.cmd("checkhealth tvmscript")
local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
check(report:find("the server starts and answers initialize", 1, true) ~= nil, "checkhealth: " .. report)

io.stdout:write("nvim plugin test: ok\n")
vim.cmd("qall!")
