--- `:checkhealth resolution_ls`: is the server there, and is it attached here?

local M = {}

function M.check()
  local health = vim.health
  local plugin = require("resolution_ls")
  health.start("resolution-ls")

  if vim.fn.has("nvim-0.9") == 1 then
    health.ok("Neovim " .. tostring(vim.version()))
  else
    health.error("Neovim 0.9 or newer is needed (vim.lsp.start).")
  end

  local cmd = plugin.options.cmd
  if type(cmd) == "table" and cmd[1] then
    local path = vim.fn.exepath(cmd[1])
    if path ~= "" then
      health.ok(("server: %s"):format(path))
    else
      health.error(("`%s` was not found on PATH."):format(cmd[1]), {
        "Install resolution-ls (see editors/README.md) and make sure the folder it is in is on PATH,",
        "or give its full path: require('resolution_ls').setup({ cmd = { '/path/to/resolution-ls' } }).",
      })
    end
  end

  local client = plugin.client(0)
  if client then
    health.ok(("attached to this buffer (client %d, position encoding %s)"):format(
      client.id,
      tostring(client.offset_encoding)
    ))
  elseif vim.bo.filetype == "markdown" then
    health.warn("not attached to this Markdown buffer.", {
      "Was require('resolution_ls').setup() called? `:lua =vim.lsp.get_clients()` lists the clients;",
      "`:lua vim.lsp.set_log_level('debug')` then `:LspLog` (or `:lua vim.cmd.edit(vim.lsp.get_log_path())`) shows why a start failed.",
    })
  else
    health.info("open a Markdown draft to see whether the server attaches.")
  end
end

return M
