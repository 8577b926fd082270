-- Neovim 0.7.2 (Debian) as a real LSP client of ssot-lint: open a Python file with an
-- os.environ.get() read, receive the diagnostic, ask for code actions, apply the quick
-- fix, see the diagnostic cleared. Prints KEY value lines for the vitest runner.
-- Env: SSOT_SERVER_BIN (server/bin/ssot-lint.js), SSOT_FILE (the fixture file).
local out = function(s) io.stdout:write(s .. '\n') end -- print() goes to stderr in headless mode
local status = 0
local ok, err = pcall(function()
  local file = assert(os.getenv('SSOT_FILE'), 'SSOT_FILE not set')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local config = {
    name = 'ssot-lint',
    cmd = { 'node', assert(os.getenv('SSOT_SERVER_BIN')), 'lsp', '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
  }
  local client_id
  if vim.lsp.start then client_id = vim.lsp.start(config, { bufnr = bufnr }) -- 0.8+
  else client_id = vim.lsp.start_client(config); vim.lsp.buf_attach_client(bufnr, client_id) end -- 0.7
  local got = vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  if not got then error('no diagnostics') end
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    out(string.format('DIAGNOSTIC %d:%d-%d:%d severity=%d source=%s code=%s %s', d.lnum, d.col, d.end_lnum, d.end_col,
      d.severity, d.source, tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)), d.message))
  end
  -- The diagnostics as the server sent them (with code and data), for the code action context.
  local lspd = vim.lsp.diagnostic.get_line_diagnostics(bufnr, vim.diagnostic.get(bufnr)[1].lnum, {}, client_id)
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction',
    { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, range = lspd[1].range, context = { diagnostics = lspd } }, 5000)
  local actions = {}
  for _, r in pairs(res or {}) do for _, a in ipairs(r.result or {}) do table.insert(actions, a) end end
  for _, a in ipairs(actions) do out('CODE_ACTION ' .. a.title .. ' (' .. a.kind .. ')') end
  if #actions == 0 then error('no code actions') end
  local fix = actions[1]
  vim.lsp.util.apply_workspace_edit(fix.edit, vim.lsp.get_client_by_id(client_id).offset_encoding or 'utf-16')
  out('BUFFER_AFTER_FIX ' .. vim.json.encode(table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')))
  local cleared = vim.wait(10000, function() return #vim.diagnostic.get(bufnr) == 0 end, 20)
  out('DIAGNOSTICS_CLEARED ' .. tostring(cleared))
  if not cleared then error('diagnostics not cleared after the fix') end
  vim.lsp.stop_client(client_id)
end)
if ok then out('RESULT: PASS') else out('RESULT: FAIL ' .. tostring(err)); status = 1 end
vim.cmd(status == 0 and 'qa!' or 'cq')
