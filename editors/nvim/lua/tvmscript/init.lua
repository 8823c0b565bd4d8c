-- tvmscript for Neovim: starts `tvmscript serve` for Python buffers (the server decides what is
-- TVMScript) on every Neovim from 0.7: vim.lsp.start_client on 0.7, vim.lsp.start on 0.8-0.10,
-- and vim.lsp.config / vim.lsp.enable (with lsp/tvmscript.lua) on 0.11 and later. Also the
-- native-output commands :TVMScriptCompile and :TVMScriptShowIR.
local M = {}

M.defaults = {
  -- The server command; `tvmscript` must be on PATH unless a full path is given.
  cmd = { "tvmscript", "serve" },
  filetypes = { "python" },
  -- Files that mark a project root; the directory of the file when none is found.
  root_markers = { "pyproject.toml", "setup.py", ".git" },
  -- :TVMScriptCompile: where it writes (relative to the project root, and inside it) and what it
  -- writes when no kind is given (obj, shared, exe, llvm, asm or header).
  compile = { outputDirectory = "build/tvmscript", emit = "shared" },
  -- Extra fields passed to the client (on_attach, capabilities, settings...).
  client = {},
}

M.options = vim.deepcopy(M.defaults)

local function root_of(path)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  for _, marker in ipairs(M.options.root_markers) do
    local found = vim.fn.findfile(marker, dir .. ";")
    if found == "" then found = vim.fn.finddir(marker, dir .. ";") end
    if found ~= "" then return vim.fn.fnamemodify(found, ":p:h"):gsub("/%.git/?$", "") end
  end
  return dir
end

local function config_for(buffer)
  return vim.tbl_extend("force", {
    name = "tvmscript",
    cmd = M.options.cmd,
    root_dir = root_of(vim.api.nvim_buf_get_name(buffer)),
    init_options = { compile = M.options.compile },
  }, M.options.client)
end

-- Neovim 0.7: one client per root, attached by hand.
local clients_by_root = {}
local function attach_0_7(buffer)
  local config = config_for(buffer)
  local id = clients_by_root[config.root_dir]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    clients_by_root[config.root_dir] = id
  end
  if id then vim.lsp.buf_attach_client(buffer, id) end
end

-- The running tvmscript clients, on every version.
local function tvmscript_clients()
  local clients = vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()
  return vim.tbl_filter(function(client) return client.name == "tvmscript" end, clients)
end

function M.setup(options)
  M.options = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), options or {})
  M.create_commands()
  -- Servers already running take the new compile settings at once.
  for _, client in ipairs(tvmscript_clients()) do
    client.notify("workspace/didChangeConfiguration", { settings = { tvmscript = { compile = M.options.compile } } })
  end
  if vim.lsp.config and vim.lsp.enable then
    vim.lsp.config("tvmscript", vim.tbl_extend("force", {
      cmd = M.options.cmd,
      filetypes = M.options.filetypes,
      root_markers = M.options.root_markers,
      init_options = { compile = M.options.compile },
    }, M.options.client))
    vim.lsp.enable("tvmscript")
    return
  end
  local group = vim.api.nvim_create_augroup("tvmscript", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.options.filetypes,
    callback = function(args)
      if vim.lsp.start then
        vim.lsp.start(config_for(args.buf), { bufnr = args.buf })
      else
        attach_0_7(args.buf)
      end
    end,
  })
  -- Buffers opened before setup() ran.
  for _, buffer in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buffer) and vim.tbl_contains(M.options.filetypes, vim.bo[buffer].filetype) then
      vim.api.nvim_exec_autocmds("FileType", { group = group, buffer = buffer })
    end
  end
end

-- Native outputs -------------------------------------------------------------------------------

M.emit_kinds = { "obj", "shared", "exe", "llvm", "asm", "header" }
M.view_kinds = { "llvm", "asm", "header" }

local function notify(message, level)
  vim.notify("tvmscript: " .. message, level or vim.log.levels.INFO)
end

-- The tvmscript client attached to `buffer`, or nil.
local function client_for(buffer)
  if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = buffer, name = "tvmscript" })[1] end
  for _, client in pairs(vim.lsp.buf_get_clients(buffer)) do
    if client.name == "tvmscript" then return client end
  end
end

-- client:request on 0.11+, where the dot form is deprecated; client.request before. The handler
-- is handler(err, result, ctx) on every version from 0.5.1.
local function request(client, method, params, handler, buffer)
  if vim.fn.has("nvim-0.11") == 1 then return client:request(method, params, handler, buffer) end
  return client.request(method, params, handler, buffer)
end

-- The buffer a command acts on: the current one, or the source of the output shown in it.
local function target_buffer(options)
  if options.buffer then return options.buffer end
  local current = vim.api.nvim_get_current_buf()
  local source = vim.b[current].tvmscript_source
  if source and vim.api.nvim_buf_is_valid(source) then return source end
  return current
end

local function attached_client(buffer)
  local client = client_for(buffer)
  if not client then notify("no tvmscript server is attached to this buffer", vim.log.levels.ERROR) end
  return client
end

-- The `module` and `function` fields of `options` that are set.
local function selection(options, fields)
  if options.module and options.module ~= "" then fields.module = options.module end
  if options["function"] and options["function"] ~= "" then fields["function"] = options["function"] end
  return fields
end

--- Compiles the buffer's file with the server (`tvmscript.compile`) and reports the written file,
--- or the server's message, with vim.notify. `options`: `emit` (one of M.emit_kinds; default:
--- the `compile.emit` setting), `module`, `function`, `buffer` (default: the current one, or
--- the source of the output shown in it), and
--- `on_done(err, files)` called after the report with the written paths.
function M.compile(options)
  options = options or {}
  local buffer = target_buffer(options)
  if options.emit and not vim.tbl_contains(M.emit_kinds, options.emit) then
    notify(("unknown output kind '%s' (%s)"):format(options.emit, table.concat(M.emit_kinds, ", ")), vim.log.levels.ERROR)
    return
  end
  local client = attached_client(buffer)
  if not client then return end
  local argument = selection(options, { uri = vim.uri_from_bufnr(buffer), emit = options.emit })
  local params = { command = "tvmscript.compile", arguments = { argument } }
  request(client, "workspace/executeCommand", params, function(err, result)
    if err then
      notify(err.message, vim.log.levels.ERROR)
      if options.on_done then options.on_done(err, nil) end
      return
    end
    local files = vim.tbl_map(vim.uri_to_fname, result.files)
    local shown = vim.tbl_map(function(file) return vim.fn.fnamemodify(file, ":~:.") end, files)
    notify("wrote " .. table.concat(shown, ", "))
    if options.on_done then options.on_done(nil, files) end
  end, buffer)
end

-- Output buffers by source file and kind: showing the same output again refreshes its buffer.
local output_buffers = {}
local suffixes = { llvm = "ll", asm = "s", header = "h" }

local function show_scratch(buffer, kind, reply, mods)
  local source = vim.api.nvim_buf_get_name(buffer)
  local key = source .. "\0" .. kind
  local scratch = output_buffers[key]
  if not (scratch and vim.api.nvim_buf_is_valid(scratch)) then
    scratch = vim.api.nvim_create_buf(false, true)
    vim.bo[scratch].buftype = "nofile"
    vim.bo[scratch].bufhidden = "wipe"
    vim.bo[scratch].swapfile = false
    local stem = vim.fn.fnamemodify(source, ":~:.:r")
    pcall(vim.api.nvim_buf_set_name, scratch, ("tvmscript://%s.%s"):format(stem, suffixes[kind]))
    output_buffers[key] = scratch
  end
  vim.b[scratch].tvmscript_source = buffer
  local lines = vim.split(reply.text, "\n", { plain = true })
  if lines[#lines] == "" then table.remove(lines) end
  vim.bo[scratch].readonly = false
  vim.bo[scratch].modifiable = true
  vim.api.nvim_buf_set_lines(scratch, 0, -1, false, lines)
  vim.bo[scratch].modifiable = false
  vim.bo[scratch].readonly = true
  vim.bo[scratch].modified = false
  local window = vim.fn.bufwinid(scratch)
  if window == -1 then
    vim.cmd(((mods and mods ~= "") and mods or "vertical") .. " sbuffer " .. scratch)
  else
    vim.api.nvim_set_current_win(window)
  end
  local filetypes = { llvm = "llvm", asm = "asm", c = "c" }
  vim.bo[scratch].filetype = filetypes[reply.language] or ""
  return scratch
end

--- Shows the buffer's LLVM IR, assembly or C header (`tvmscript/viewOutput`) in a read-only
--- scratch split (vertical unless `mods`, such as "tab" or "botright", say otherwise).
--- `options`: `module`, `function`, `buffer`, `mods`, `on_done(err, scratch_buffer)`.
function M.show_output(kind, options)
  options = options or {}
  kind = kind or "llvm"
  local buffer = target_buffer(options)
  if not vim.tbl_contains(M.view_kinds, kind) then
    notify(("unknown view '%s' (%s)"):format(kind, table.concat(M.view_kinds, ", ")), vim.log.levels.ERROR)
    return
  end
  local client = attached_client(buffer)
  if not client then return end
  local params = selection(options, { uri = vim.uri_from_bufnr(buffer), kind = kind })
  request(client, "tvmscript/viewOutput", params, function(err, result)
    if err then
      notify(err.message, vim.log.levels.ERROR)
      if options.on_done then options.on_done(err, nil) end
      return
    end
    local scratch = show_scratch(buffer, kind, result, options.mods)
    if options.on_done then options.on_done(nil, scratch) end
  end, buffer)
end

local function completion(kinds)
  return function(lead)
    return vim.tbl_filter(function(kind) return kind:sub(1, #lead) == lead end, kinds)
  end
end

-- The command's argument, or nil: 0.7 gives fargs = { "" } when there is none.
local function argument(command)
  local value = command.fargs[1]
  if value == "" then return nil end
  return value
end

--- Defines :TVMScriptCompile [emit] and :TVMScriptShowIR [llvm|asm|header].
function M.create_commands()
  vim.api.nvim_create_user_command("TVMScriptCompile", function(command)
    M.compile({ emit = argument(command) })
  end, { nargs = "?", complete = completion(M.emit_kinds), desc = "Compile this TVMScript file" })
  vim.api.nvim_create_user_command("TVMScriptShowIR", function(command)
    M.show_output(argument(command) or "llvm", { mods = command.mods })
  end, { nargs = "?", complete = completion(M.view_kinds), desc = "Show this file's LLVM IR, assembly or C header" })
end

return M
