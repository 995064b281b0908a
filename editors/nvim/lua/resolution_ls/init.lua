--- resolution-ls for Neovim: checks United Nations resolution drafts written in Markdown.
---
--- require("resolution_ls").setup({
---   cmd = { "resolution-ls" },                 -- the server; found on PATH by default
---   settings = { checkOn = "change", rules = { ["repeated-opener"] = "off" } },
--- })
---
--- The server attaches to every Markdown buffer and decides itself which are drafts (files
--- named `*.res.md`, files with an organ line such as `*The General Assembly,*`, or files
--- matched by the `files` setting); other Markdown gets no diagnostics. Nothing is mapped:
--- see editors/README.md for suggested mappings.

local M = {}

--- The name the client is registered under (`:checkhealth vim.lsp`, `vim.lsp.get_clients`).
M.name = "resolution_ls"

--- The code action kind of "Renumber the operative paragraphs", and the server command behind it.
M.renumber_kind = "source.renumber.resolution-ls"
M.renumber_command = "resolution-ls.renumber"

local defaults = {
  -- The command that starts the server; it speaks LSP on stdio when given no argument.
  cmd = { "resolution-ls" },
  filetypes = { "markdown" },
  -- The workspace root is the nearest folder with one of these; `resolution-ls.toml` there is
  -- read by the server.
  root_markers = { "resolution-ls.toml", ".git" },
  -- Server settings: checkOn, diagnosticsDelayMs, rules, files, openers, symbols.
  settings = {},
  -- Neovim 0.10 and 0.11 can pull diagnostics, but do not pull again after a save and do not
  -- accept the server's request to refresh, so `checkOn = "save"` would show stale results.
  -- By default the plug-in therefore takes pushed diagnostics; set true to pull instead.
  pull_diagnostics = false,
  -- Passed through to the client (see `:help vim.lsp.ClientConfig`).
  capabilities = nil,
  on_attach = nil,
  before_init = nil,
  on_init = nil,
  on_exit = nil,
}

M.options = vim.deepcopy(defaults)

--- Set to true before setup() to start clients with `vim.lsp.start` even on Neovim 0.11, as
--- on 0.9 and 0.10 (the tests use it to cover that path).
M.use_lsp_start = false

local function has_011()
  return vim.fn.has("nvim-0.11") == 1
end

--- The settings as the server reads them. An empty Lua table would be sent as a JSON list,
--- so the tables that are JSON objects (the settings themselves, `rules`, `openers`,
--- `symbols`) are marked as dictionaries.
local function server_settings(settings)
  local copy = vim.deepcopy(settings or {})
  for _, key in ipairs({ "rules", "openers", "symbols" }) do
    if type(copy[key]) == "table" and next(copy[key]) == nil then
      copy[key] = vim.empty_dict()
    end
  end
  if next(copy) == nil then
    return vim.empty_dict()
  end
  return copy
end

--- The client configuration shared by `vim.lsp.config` and `vim.lsp.start`.
local function client_config(options)
  local pull = options.pull_diagnostics
  local settings = server_settings(options.settings)
  return {
    name = M.name,
    cmd = options.cmd,
    filetypes = options.filetypes,
    root_markers = options.root_markers,
    -- Given at start-up so that the first check already uses them, and again through
    -- `workspace/configuration` (section `resolution`), which the server reads after start-up
    -- and on `workspace/didChangeConfiguration`.
    init_options = settings,
    settings = { resolution = settings },
    capabilities = options.capabilities,
    on_attach = options.on_attach,
    on_exit = options.on_exit,
    before_init = function(params, config)
      if not pull and params.capabilities and params.capabilities.textDocument then
        -- Without this capability the server pushes diagnostics.
        params.capabilities.textDocument.diagnostic = nil
      end
      if options.before_init then
        options.before_init(params, config)
      end
    end,
    on_init = function(client, result)
      if not pull then
        -- Keep Neovim from pulling as well, which would show every finding twice.
        client.server_capabilities.diagnosticProvider = nil
      end
      if options.on_init then
        options.on_init(client, result)
      end
    end,
  }
end

local function root_dir_of(bufnr, markers)
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == "" then
    return vim.fn.getcwd()
  end
  local found = vim.fs.find(markers, { upward = true, path = vim.fs.dirname(path) })[1]
  return found and vim.fs.dirname(found) or vim.fs.dirname(path)
end

local function is_executable(cmd)
  return type(cmd) ~= "table" or cmd[1] == nil or vim.fn.executable(cmd[1]) == 1
end

--- Register the server. Call once, from your configuration.
---@param opts table|nil see `defaults` above
function M.setup(opts)
  local options = vim.tbl_deep_extend("force", vim.deepcopy(defaults), opts or {})
  -- Lists replace rather than merge.
  for _, key in ipairs({ "cmd", "filetypes", "root_markers" }) do
    if opts and opts[key] then
      options[key] = opts[key]
    end
  end
  if opts and opts.settings then
    options.settings = opts.settings
  end
  M.options = options

  -- `*.res.md` names a draft explicitly: make sure it is Markdown whatever else claims `.md`.
  vim.filetype.add({ pattern = { [".*%.res%.md"] = "markdown" } })

  if not is_executable(options.cmd) then
    vim.notify(
      ("resolution-ls: `%s` was not found on PATH. Install resolution-ls, or give its full path"
        .. " in setup({ cmd = { '/path/to/resolution-ls' } }). See `:checkhealth resolution_ls`.")
        :format(tostring(options.cmd[1])),
      vim.log.levels.WARN
    )
  end

  local config = client_config(options)
  if has_011() and not M.use_lsp_start then
    vim.lsp.config(M.name, config)
    vim.lsp.enable(M.name)
  else
    -- Neovim 0.9 and 0.10: start (or reuse) a client for each Markdown buffer.
    local function start(bufnr)
      local start_config = vim.deepcopy(config)
      start_config.root_markers = nil
      start_config.filetypes = nil
      start_config.root_dir = root_dir_of(bufnr, options.root_markers)
      vim.lsp.start(start_config, { bufnr = bufnr })
    end
    local group = vim.api.nvim_create_augroup("resolution_ls", { clear = true })
    vim.api.nvim_create_autocmd("FileType", {
      group = group,
      pattern = options.filetypes,
      callback = function(event)
        start(event.buf)
      end,
    })
    -- Buffers opened before setup() was called.
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(options.filetypes, vim.bo[bufnr].filetype) then
        start(bufnr)
      end
    end
  end

  vim.api.nvim_create_user_command("ResolutionRenumber", function()
    M.renumber()
  end, { desc = "Renumber the operative paragraphs of the current draft" })
  vim.api.nvim_create_user_command("ResolutionExportToWord", function()
    M.export()
  end, { desc = "Export the current draft to Word beside it" })
  vim.api.nvim_create_user_command("ResolutionExportWithTrackedChanges", function()
    M.export({ tracked = true })
  end, { desc = "Export the current draft to Word with its changes against the base tracked" })

  -- With the `base` setting, the server marks each paragraph new or changed against the base
  -- with a code lens; Neovim shows lenses only when asked, so ask as the draft changes.
  vim.api.nvim_create_autocmd("LspAttach", {
    callback = function(event)
      local client = vim.lsp.get_client_by_id(event.data.client_id)
      if not client or client.name ~= M.name or not client.server_capabilities.codeLensProvider then
        return
      end
      vim.lsp.codelens.refresh({ bufnr = event.buf })
      vim.api.nvim_create_autocmd({ "BufEnter", "InsertLeave", "BufWritePost" }, {
        buffer = event.buf,
        callback = function()
          vim.lsp.codelens.refresh({ bufnr = event.buf })
        end,
      })
    end,
  })
end

--- The resolution-ls client attached to a buffer, if any.
---@param bufnr integer|nil
function M.client(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  return get({ bufnr = bufnr, name = M.name })[1]
end

--- Run one of the server's commands on a draft, with the draft's URI as its argument.
---@param name string
---@param bufnr integer|nil
local function run_command(name, bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = M.client(bufnr)
  if not client then
    vim.notify("resolution-ls is not attached to this buffer.", vim.log.levels.WARN)
    return
  end
  local command = { command = name, arguments = { vim.uri_from_bufnr(bufnr) } }
  if client.exec_cmd then
    client:exec_cmd(command, { bufnr = bufnr })
  else
    client.request("workspace/executeCommand", command, nil, bufnr)
  end
end

--- Renumber the operative paragraphs of a draft (and the cross-references to them). The
--- server sends the edit back as `workspace/applyEdit`, which Neovim applies.
---@param bufnr integer|nil
function M.renumber(bufnr)
  run_command(M.renumber_command, bufnr)
end

--- Export a draft to Word beside it (`draft.res.docx`), or with `{ tracked = true }` with its
--- changes against the `base` setting as Word tracked changes (`draft.res.tracked.docx`). The
--- server says where it wrote the document, or why it could not.
---@param opts { tracked: boolean }|nil
---@param bufnr integer|nil
function M.export(opts, bufnr)
  local tracked = opts and opts.tracked
  run_command(tracked and "resolution-ls.exportWithTrackedChanges" or "resolution-ls.exportToWord", bufnr)
end

return M
