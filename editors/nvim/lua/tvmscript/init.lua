-- tvmscript for Neovim: starts `tvmscript serve` for Python buffers (the server decides what is
-- TVMScript) on every Neovim from 0.7: vim.lsp.start_client on 0.7, vim.lsp.start on 0.8-0.10,
-- and vim.lsp.config / vim.lsp.enable (with lsp/tvmscript.lua) on 0.11 and later.
local M = {}

M.defaults = {
  -- The server command; `tvmscript` must be on PATH unless a full path is given.
  cmd = { "tvmscript", "serve" },
  filetypes = { "python" },
  -- Files that mark a project root; the directory of the file when none is found.
  root_markers = { "pyproject.toml", "setup.py", ".git" },
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

function M.setup(options)
  M.options = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), options or {})
  if vim.lsp.config and vim.lsp.enable then
    vim.lsp.config("tvmscript", vim.tbl_extend("force", {
      cmd = M.options.cmd,
      filetypes = M.options.filetypes,
      root_markers = M.options.root_markers,
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

return M
