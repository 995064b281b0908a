-- Headless Neovim test of the plug-in with the real server, run by `cargo test` (tests/editors.rs):
--
--   nvim --headless --clean --cmd "set rtp^=editors/nvim" -c "luafile editors/nvim/test/spec.lua"
--
-- with these environment variables:
--   RESOLUTION_LS_SERVER   the server binary
--   RESOLUTION_TEST_DRAFT  the draft with known defects (tests/editors/defects.res.md)
--   RESOLUTION_TEST_DIR    an empty folder to work in (the draft is copied there and saved there)
--   RESOLUTION_TEST_SCENARIO  main | actions | legacy | utf16 | save | pull | pull_save
--
-- Every step prints "ok - ..." on stdout; a failure prints what was expected and what Neovim
-- had, and exits with status 1. Waits are for conditions, with a deadline.

local TIMEOUT_MS = 15000

local function say(text)
  io.stdout:write(text .. "\n")
  io.stdout:flush()
end

local function env(name)
  local value = os.getenv(name)
  if value == nil or value == "" then
    error(("the environment variable %s is not set"):format(name), 0)
  end
  return value
end

local server = env("RESOLUTION_LS_SERVER")
local draft_source = env("RESOLUTION_TEST_DRAFT")
local work_dir = env("RESOLUTION_TEST_DIR")
local scenario = env("RESOLUTION_TEST_SCENARIO")

local plugin = require("resolution_ls")

-- Test helpers ---------------------------------------------------------------------------------

local function describe_diagnostics(buf)
  local lines = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    lines[#lines + 1] = ("  %s at %d:%d-%d:%d: %s"):format(
      tostring(d.code),
      d.lnum,
      d.col,
      d.end_lnum,
      d.end_col,
      d.message
    )
  end
  if #lines == 0 then
    return "  (no diagnostics)"
  end
  table.sort(lines)
  return table.concat(lines, "\n")
end

local function wait_for(what, predicate, explain)
  local done = vim.wait(TIMEOUT_MS, predicate, 20)
  if not done then
    error(
      ("timed out after %d ms waiting for %s%s"):format(
        TIMEOUT_MS,
        what,
        explain and ("\n" .. explain()) or ""
      ),
      0
    )
  end
end

local function check(condition, message)
  if not condition then
    error(message, 0)
  end
end

--- A check whose failure is reported at the end, so that the steps after it still run.
local soft_failures = {}
local function expect(condition, message)
  if not condition then
    soft_failures[#soft_failures + 1] = message
    io.stderr:write("not ok - " .. message .. "\n")
  end
  return condition
end

local function line(buf, index)
  return vim.api.nvim_buf_get_lines(buf, index, index + 1, true)[1]
end

--- The byte column (0-based) where `needle` starts on line `index`.
local function column_of(buf, index, needle)
  local start = line(buf, index):find(needle, 1, true)
  check(start, ("line %d does not contain %q: %q"):format(index, needle, line(buf, index)))
  return start - 1
end

--- Expected diagnostics: { code, line, needle } with the range covering `needle` on that line.
local function expected_from(buf, expectations)
  local expected = {}
  for _, e in ipairs(expectations) do
    local col = column_of(buf, e[2], e[3])
    expected[#expected + 1] = ("%s at %d:%d-%d:%d"):format(e[1], e[2], col, e[2], col + #e[3])
  end
  table.sort(expected)
  return expected
end

local function actual_of(buf)
  local actual = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    actual[#actual + 1] = ("%s at %d:%d-%d:%d"):format(
      tostring(d.code),
      d.lnum,
      d.col,
      d.end_lnum,
      d.end_col
    )
  end
  table.sort(actual)
  return actual
end

local function same(a, b)
  return table.concat(a, "\n") == table.concat(b, "\n")
end

local function wait_for_diagnostics(buf, what, expectations)
  local expected = expected_from(buf, expectations)
  wait_for(what, function()
    return same(actual_of(buf), expected)
  end, function()
    return "expected:\n  " .. table.concat(expected, "\n  ") .. "\nNeovim has:\n" .. describe_diagnostics(buf)
  end)
  say("ok - " .. what)
end

local function copy_draft()
  local text = assert(io.open(draft_source, "rb")):read("*a")
  local path = work_dir .. "/defects.res.md"
  local file = assert(io.open(path, "wb"))
  file:write(text)
  file:close()
  return path
end

-- The draft, tests/editors/defects.res.md, line by line (0-based):
--   4  *Noting with appreciation* ... Rapporteur;          paragraph-punctuation on `;`
--  10  4. *Invites* States 🌍 ...;<sup>2</sup>              misnumbered-paragraph on `4.`,
--                                                          dangling-footnote after the emoji
--  12  5. *Decides* ... paragraph 4 above ...
local DEFECTS = {
  { "paragraph-punctuation", 4, ";" },
  { "misnumbered-paragraph", 10, "4." },
  { "dangling-footnote", 10, "<sup>2</sup>" },
}
local AFTER_RENUMBERING = {
  { "paragraph-punctuation", 4, ";" },
  { "dangling-footnote", 10, "<sup>2</sup>" },
}

-- Set-up ---------------------------------------------------------------------------------------

local exit_status = nil
local settings = {}
local pull = false
local encodings = nil
if scenario == "utf16" then
  encodings = { "utf-16" }
elseif scenario == "save" then
  settings = { checkOn = "save", diagnosticsDelayMs = 0 }
elseif scenario == "pull" then
  pull = true
elseif scenario == "pull_save" then
  pull = true
  settings = { checkOn = "save", diagnosticsDelayMs = 0 }
elseif scenario == "legacy" then
  plugin.use_lsp_start = true
elseif scenario == "word" then
  -- The base: the draft as it was before paragraph 5 was written (see scenarios.word).
  local draft = assert(io.open(draft_source, "rb"))
  local text = draft:read("*a")
  draft:close()
  local base_path = work_dir .. "/base.res.md"
  local base = assert(io.open(base_path, "wb"))
  base:write((text:gsub("\n5%. [^\n]*\n", "\n")))
  base:close()
  settings = { base = base_path }
elseif scenario ~= "main" and scenario ~= "actions" then
  error("unknown scenario " .. scenario, 0)
end

plugin.setup({
  cmd = { server },
  settings = settings,
  pull_diagnostics = pull,
  before_init = function(params)
    if encodings then
      params.capabilities.general.positionEncodings = encodings
    end
  end,
  on_exit = function(code, signal)
    exit_status = { code = code, signal = signal }
  end,
})

local function open_draft()
  local path = copy_draft()
  vim.cmd.edit(vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  check(vim.bo[buf].filetype == "markdown", "the draft's filetype is " .. vim.bo[buf].filetype)
  wait_for("the client to attach", function()
    local client = plugin.client(buf)
    return client ~= nil and client.initialized
  end)
  local client = plugin.client(buf)
  say(("ok - attached (position encoding %s)"):format(client.offset_encoding))
  return buf, client
end

local function shut_down(client)
  client:stop()
  wait_for("the server to exit after shutdown", function()
    return exit_status ~= nil
  end)
  check(
    exit_status.code == 0 and exit_status.signal == 0,
    ("the server exited with status %d (signal %d) instead of 0"):format(
      exit_status.code,
      exit_status.signal
    )
  )
  check(client:is_stopped(), "the client does not consider itself stopped")
  say("ok - the client shut the server down cleanly (exit status 0)")
  -- The server's standard error is logged at ERROR level: it should have had nothing to say.
  local log = io.open(vim.lsp.get_log_path(), "r")
  if log then
    local errors = {}
    for entry in log:lines() do
      if entry:find("ERROR", 1, true) then
        errors[#errors + 1] = entry
      end
    end
    log:close()
    check(#errors == 0, "the LSP log has errors:\n" .. table.concat(errors, "\n"))
  end
  say("ok - no errors in the LSP log")
end

--- Completion at byte `col` of line `row`, as if typing there in insert mode (the cursor of
--- normal mode cannot stand after the last character).
local function completion_labels(buf, client, row, col)
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    position = {
      line = row,
      character = vim.lsp.util.character_offset(buf, row, col, client.offset_encoding),
    },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/completion", params, TIMEOUT_MS)
  check(responses, "no answer to textDocument/completion")
  local labels = {}
  for _, response in pairs(responses) do
    check(not response.err, "textDocument/completion failed: " .. vim.inspect(response.err))
    local result = response.result or {}
    for _, item in ipairs(result.items or result) do
      labels[#labels + 1] = item.label
    end
  end
  return labels
end

local function has_label(labels, fragment)
  for _, label in ipairs(labels) do
    if label:find(fragment, 1, true) then
      return true
    end
  end
  return false
end

-- Scenarios ------------------------------------------------------------------------------------

local scenarios = {}

function scenarios.main()
  local buf, client = open_draft()
  check(client.offset_encoding == "utf-8", "Neovim 0.11 offers UTF-8; negotiated " .. client.offset_encoding)
  wait_for_diagnostics(buf, "diagnostics with codes and byte positions, after an emoji too", DEFECTS)
  check(
    vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR })[1] ~= nil,
    "no diagnostic has severity ERROR"
  )

  -- The renumbering code action, chosen by kind and applied by Neovim.
  vim.api.nvim_win_set_cursor(0, { 11, 0 })
  vim.lsp.buf.code_action({ context = { only = { plugin.renumber_kind } }, apply = true })
  wait_for("the renumber code action to change the buffer", function()
    return vim.startswith(line(buf, 10), "3. ") and vim.startswith(line(buf, 12), "4. ")
  end, function()
    return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), "\n")
  end)
  check(
    line(buf, 12):find("paragraph 3 above", 1, true),
    "the cross-reference was not renumbered: " .. line(buf, 12)
  )
  say("ok - the renumber code action fixed the numbering and the cross-reference")
  wait_for_diagnostics(buf, "diagnostics refreshed after the code action", AFTER_RENUMBERING)

  -- The quick fix on the punctuation, through the same code action menu.
  vim.api.nvim_win_set_cursor(0, { 5, #line(buf, 4) - 1 })
  vim.lsp.buf.code_action({
    context = { only = { "quickfix" } },
    filter = function(action)
      return action.title:find("End with", 1, true) ~= nil
    end,
    apply = true,
  })
  wait_for("the punctuation quick fix to change the buffer", function()
    return vim.endswith(line(buf, 4), "Rapporteur,")
  end, function()
    return line(buf, 4)
  end)
  say("ok - the punctuation quick fix applied")
  wait_for_diagnostics(buf, "diagnostics refreshed after the quick fix", {
    { "dangling-footnote", 10, "<sup>2</sup>" },
  })

  -- The :ResolutionRenumber command (workspace/executeCommand, then workspace/applyEdit).
  vim.api.nvim_buf_set_text(buf, 12, 0, 12, 1, { "7" })
  vim.cmd("ResolutionRenumber")
  wait_for("the :ResolutionRenumber command to renumber", function()
    return vim.startswith(line(buf, 12), "4. ")
  end, function()
    return line(buf, 12)
  end)
  say("ok - :ResolutionRenumber renumbered the paragraphs")

  -- Completion: the next footnote number after `<sup>`, operative openers after `5. *`.
  vim.api.nvim_buf_set_lines(buf, 14, 14, true, { "5. *", "" })
  vim.api.nvim_buf_set_text(buf, 12, #line(buf, 12), 12, #line(buf, 12), { "<sup>" })
  local footnotes = completion_labels(buf, client, 12, #line(buf, 12))
  check(has_label(footnotes, "3"), "after `<sup>` the completion offers " .. vim.inspect(footnotes))
  say("ok - completion after `<sup>` offers the next footnote number")
  vim.api.nvim_buf_set_text(buf, 12, #line(buf, 12) - 5, 12, #line(buf, 12), { "" })
  local openers = completion_labels(buf, client, 14, 4)
  if
    expect(
      has_label(openers, "Requests") and has_label(openers, "Decides") and not has_label(openers, "Recalling"),
      "after `5. *` in the operative part the completion should offer operative openers "
        .. "(Requests, Decides) and no preambular ones; it offers "
        .. vim.inspect(openers)
    )
  then
    say("ok - completion after `5. *` offers operative openers")
  end

  shut_down(client)
end

--- Run `vim.lsp.buf.code_action(opts)` with Neovim's menu (`vim.ui.select`) replaced by one
--- that records the entries it would show, as Neovim formats them, and chooses none. Waits
--- until the menu is shown or `applied()` holds, and returns the entries, sorted, or nil when
--- no menu was shown.
local function code_action_menu(opts, applied)
  local shown = nil
  local select = vim.ui.select
  vim.ui.select = function(items, select_opts, on_choice)
    shown = {}
    for _, item in ipairs(items) do
      shown[#shown + 1] = select_opts.format_item(item)
    end
    table.sort(shown)
    on_choice(nil)
  end
  local ok, failure = pcall(function()
    vim.lsp.buf.code_action(opts)
    wait_for("the code action menu, or an action applied without it", function()
      return shown ~= nil or (applied ~= nil and applied())
    end)
  end)
  vim.ui.select = select
  check(ok, tostring(failure))
  return shown
end

local function listing(entries)
  return "\n  " .. table.concat(entries or {}, "\n  ")
end

--- At a misnumbered paragraph each action is one entry, so that a filter on a title leaves one
--- candidate and `apply = true` applies it without a menu (two renumber entries, one a quick
--- fix and one a source action, used to open a menu instead).
function scenarios.actions()
  local buf, client = open_draft()
  wait_for_diagnostics(buf, "diagnostics on open", DEFECTS)
  vim.api.nvim_win_set_cursor(0, { 11, 0 })
  local expected = {
    "Disable misnumbered-paragraph for this line",
    "Renumber the operative paragraphs and 1 cross-reference",
  }

  -- The menu of `gra`, which asks for no kind in particular: one entry per action.
  local entries = code_action_menu({})
  if
    expect(
      same(entries, expected),
      "at the misnumbered paragraph the code action menu should list"
        .. listing(expected)
        .. "\nit lists"
        .. listing(entries)
    )
  then
    say("ok - the code action menu lists each action once, one renumber entry among them")
  end

  -- Asking for quick fixes only gives the same entries.
  local quickfixes = code_action_menu({ context = { only = { "quickfix" } } })
  if expect(same(quickfixes, expected), "the quick fixes are" .. listing(quickfixes)) then
    say("ok - asking for quick fixes only gives the same entries")
  end

  -- A mapping that applies the renumbering by its title applies it directly.
  local function renumbered()
    return vim.startswith(line(buf, 10), "3. ") and vim.startswith(line(buf, 12), "4. ")
  end
  local menu = code_action_menu({
    filter = function(action)
      return vim.startswith(action.title, "Renumber")
    end,
    apply = true,
  }, renumbered)
  check(
    menu == nil,
    "`code_action({ apply = true })` filtered to the renumbering opened a menu of" .. listing(menu)
  )
  check(
    line(buf, 12):find("paragraph 3 above", 1, true),
    "the cross-reference was not renumbered: " .. line(buf, 12)
  )
  say("ok - `code_action({ apply = true })` filtered to the renumbering applied it without a menu")
  wait_for_diagnostics(buf, "diagnostics refreshed after the renumbering", AFTER_RENUMBERING)

  shut_down(client)
end

--- The path for Neovim 0.9 and 0.10 (vim.lsp.start from a FileType autocommand), run on 0.11.
function scenarios.legacy()
  local buf, client = open_draft()
  check(#vim.lsp.get_clients({ name = plugin.name }) == 1, "one client")
  wait_for_diagnostics(buf, "diagnostics through vim.lsp.start", DEFECTS)
  vim.cmd("ResolutionRenumber")
  wait_for("the :ResolutionRenumber command to renumber", function()
    return vim.startswith(line(buf, 10), "3. ")
  end, function()
    return line(buf, 10)
  end)
  say("ok - :ResolutionRenumber renumbered the paragraphs")
  -- A second draft in the same folder goes to the same client.
  vim.cmd.edit(vim.fn.fnameescape(work_dir .. "/second.res.md"))
  local second = vim.api.nvim_get_current_buf()
  wait_for("the client to attach to a second draft", function()
    return plugin.client(second) ~= nil
  end)
  check(plugin.client(second).id == client.id, "the second draft got its own client")
  say("ok - a second draft in the same root shares the client")
  shut_down(client)
end

function scenarios.utf16()
  local buf, client = open_draft()
  check(client.offset_encoding == "utf-16", "negotiated " .. client.offset_encoding .. ", not utf-16")
  wait_for_diagnostics(buf, "UTF-16 positions land on the right bytes, after an emoji too", DEFECTS)
  shut_down(client)
end

--- Fix the punctuation by hand, check nothing changes until the buffer is saved, then save.
local function save_refreshes(buf)
  vim.api.nvim_buf_set_text(buf, 4, #line(buf, 4) - 1, 4, #line(buf, 4), { "," })
  -- A request answered means the server has read the change before it.
  vim.lsp.buf_request_sync(buf, "textDocument/documentSymbol", {
    textDocument = vim.lsp.util.make_text_document_params(buf),
  }, TIMEOUT_MS)
  local before = actual_of(buf)
  -- This waits in vain when all is well: a diagnostics change here would be the failure.
  local changed = vim.wait(500, function()
    return not same(actual_of(buf), before)
  end, 20)
  check(not changed, "with checkOn = \"save\" the diagnostics changed before saving:\n" .. describe_diagnostics(buf))
  say("ok - with checkOn = \"save\" an edit leaves the diagnostics as they were")
  vim.cmd("silent write")
  wait_for_diagnostics(buf, "saving refreshed the diagnostics", {
    { "misnumbered-paragraph", 10, "4." },
    { "dangling-footnote", 10, "<sup>2</sup>" },
  })
end

function scenarios.save()
  local buf, client = open_draft()
  wait_for_diagnostics(buf, "diagnostics on open with checkOn = \"save\"", DEFECTS)
  save_refreshes(buf)
  shut_down(client)
end

--- Whether Neovim pulls: the plug-in lets it when the server offers pull diagnostics.
local function mode_of(client)
  return client.server_capabilities.diagnosticProvider and "pulled" or "pushed"
end

function scenarios.pull()
  local buf, client = open_draft()
  say("ok - with pull_diagnostics = true, diagnostics are " .. mode_of(client))
  wait_for_diagnostics(buf, "diagnostics on open", DEFECTS)
  vim.api.nvim_buf_set_text(buf, 4, #line(buf, 4) - 1, 4, #line(buf, 4), { "," })
  wait_for_diagnostics(buf, "diagnostics after an edit", {
    { "misnumbered-paragraph", 10, "4." },
    { "dangling-footnote", 10, "<sup>2</sup>" },
  })
  shut_down(client)
end

function scenarios.pull_save()
  local buf, client = open_draft()
  say("ok - with pull_diagnostics = true, diagnostics are " .. mode_of(client))
  wait_for_diagnostics(buf, "diagnostics on open with checkOn = \"save\"", DEFECTS)
  save_refreshes(buf)
  shut_down(client)
end

-- With a base, each paragraph new against it carries a code lens, and the two export commands
-- write Word documents beside the draft.
function scenarios.word()
  local buf, client = open_draft()
  local lenses = {}
  wait_for("code lenses against the base", function()
    lenses = vim.lsp.codelens.get(buf)
    return #lenses > 0
  end)
  local titles = {}
  for _, lens in ipairs(lenses) do
    table.insert(titles, ("%d: %s"):format(lens.range.start.line, lens.command and lens.command.title or "?"))
  end
  expect(
    #lenses == 1 and lenses[1].range.start.line == 12 and lenses[1].command.title:find("new", 1, true),
    "one lens, `new since the base`, on paragraph 5 (line 12); got " .. table.concat(titles, "; ")
  )
  say("ok - " .. table.concat(titles, "; "))
  for _, export in ipairs({
    { command = "ResolutionExportToWord", file = "defects.res.docx" },
    { command = "ResolutionExportWithTrackedChanges", file = "defects.res.tracked.docx" },
  }) do
    vim.cmd(export.command)
    local path = work_dir .. "/" .. export.file
    wait_for(export.file .. " to be written", function()
      return vim.fn.getfsize(path) > 0
    end)
    say("ok - :" .. export.command .. " wrote " .. export.file)
  end
  shut_down(client)
end

-- Run ------------------------------------------------------------------------------------------

local ok, failure = xpcall(scenarios[scenario], function(message)
  return debug.traceback(tostring(message), 2)
end)
if ok and #soft_failures > 0 then
  ok, failure = false, table.concat(soft_failures, "\n")
end
if ok then
  say("passed: Neovim " .. tostring(vim.version()) .. ", scenario " .. scenario)
  vim.cmd("qall!")
else
  io.stderr:write("FAILED: " .. failure .. "\n")
  io.stderr:flush()
  vim.cmd("cquit 1")
end
