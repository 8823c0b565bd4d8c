-- The user commands, whenever the plugin is on the runtimepath, also without setup() (for
-- Neovim 0.11+ users who start the server with vim.lsp.enable("tvmscript")).
if vim.g.loaded_tvmscript then return end
vim.g.loaded_tvmscript = true
require("tvmscript").create_commands()
