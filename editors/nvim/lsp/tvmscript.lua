-- The server configuration for Neovim 0.11+ users who configure servers themselves:
-- put this directory on 'runtimepath' and call vim.lsp.enable("tvmscript").
return {
  cmd = { "tvmscript", "serve" },
  filetypes = { "python" },
  root_markers = { "pyproject.toml", "setup.py", ".git" },
}
