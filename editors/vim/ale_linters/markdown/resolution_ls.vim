" resolution-ls for ALE: checks United Nations resolution drafts written in Markdown.
"
" Put editors/vim on 'runtimepath' (or copy this file to ~/.vim/ale_linters/markdown/), then
"   let g:ale_linters = {'markdown': ['resolution_ls']}
" The server decides which Markdown files are drafts; other Markdown gets no findings.

call ale#Set('markdown_resolution_ls_executable', 'resolution-ls')
" Server settings (checkOn, diagnosticsDelayMs, rules, files, openers, symbols), for example
"   let g:ale_markdown_resolution_ls_settings = {'rules': {'repeated-opener': 'off'}}
call ale#Set('markdown_resolution_ls_settings', {})

function! ale_linters#markdown#resolution_ls#ProjectRoot(buffer) abort
    let l:settings = ale#path#FindNearestFile(a:buffer, 'resolution-ls.toml')
    if !empty(l:settings)
        return fnamemodify(l:settings, ':h')
    endif
    let l:git = ale#path#FindNearestDirectory(a:buffer, '.git')
    if !empty(l:git)
        return fnamemodify(l:git, ':h:h')
    endif
    return fnamemodify(bufname(a:buffer), ':p:h')
endfunction

call ale#linter#Define('markdown', {
\   'name': 'resolution_ls',
\   'lsp': 'stdio',
\   'executable': {b -> ale#Var(b, 'markdown_resolution_ls_executable')},
\   'command': '%e',
\   'project_root': function('ale_linters#markdown#resolution_ls#ProjectRoot'),
\   'initialization_options': {b -> ale#Var(b, 'markdown_resolution_ls_settings')},
\   'lsp_config': {b -> {'resolution': ale#Var(b, 'markdown_resolution_ls_settings')}},
\})
