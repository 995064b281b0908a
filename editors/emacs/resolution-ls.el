;;; resolution-ls.el --- Check UN resolution drafts with resolution-ls through eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: languages, tools
;; SPDX-License-Identifier: MIT

;;; Commentary:

;; Registers the resolution-ls language server with eglot for Markdown buffers
;; (`markdown-mode', `gfm-mode', `markdown-ts-mode') and for `*.res.md' files, which open
;; in `markdown-mode' when it is installed and in `resolution-ls-draft-mode' (a plain text
;; mode) otherwise.  The server decides which Markdown files are drafts: files named
;; `*.res.md', files with an organ line (`*The General Assembly,*'), and files matched by its
;; `files' setting.  Other Markdown gets no diagnostics.
;;
;;   (add-to-list 'load-path "/path/to/resolution-ls/editors/emacs")
;;   (require 'resolution-ls)
;;   (add-hook 'markdown-mode-hook #'eglot-ensure)           ; if you use markdown-mode
;;   (add-hook 'resolution-ls-draft-mode-hook #'eglot-ensure)
;;
;; Findings appear through flymake (`M-x flymake-show-buffer-diagnostics'); fixes through
;; `M-x eglot-code-actions'; `M-x resolution-ls-renumber' renumbers the operative
;; paragraphs.  Settings go in `resolution-ls-settings' or, per project, in
;; `eglot-workspace-configuration' under the `:resolution' section.

;;; Code:

(require 'eglot)

(defgroup resolution-ls nil
  "Check United Nations resolution drafts with resolution-ls."
  :group 'eglot
  :prefix "resolution-ls-")

(defcustom resolution-ls-program "resolution-ls"
  "The resolution-ls executable: a name looked up on `exec-path', or a full path."
  :type 'string)

(defcustom resolution-ls-settings nil
  "Server settings, sent as `initializationOptions', as a plist.
For example:
  (:checkOn \"save\"
   :diagnosticsDelayMs 300
   :rules (:repeated-opener \"off\" :paragraph-punctuation \"warning\")
   :files [\"drafts/**/*.md\"]
   :openers (:preambular [\"Welcoming warmly\"]))
Per project, `eglot-workspace-configuration' can give the same keys under
`:resolution'; those win over these."
  :type '(plist :key-type symbol :value-type sexp))

(defconst resolution-ls-modes
  '((markdown-mode :language-id "markdown")
    (gfm-mode :language-id "markdown")
    (markdown-ts-mode :language-id "markdown")
    (resolution-ls-draft-mode :language-id "markdown"))
  "The major modes whose buffers resolution-ls checks.")

(define-derived-mode resolution-ls-draft-mode text-mode "Draft"
  "Major mode for a resolution draft (`*.res.md').
Used when `markdown-mode' is not installed.")

(defun resolution-ls-draft-major-mode ()
  "Turn on the major mode for a `*.res.md' draft.
That is `markdown-mode' when it is installed, else `resolution-ls-draft-mode'."
  (if (fboundp 'markdown-mode)
      (markdown-mode)
    (resolution-ls-draft-mode)))

(add-to-list 'auto-mode-alist '("\\.res\\.md\\'" . resolution-ls-draft-major-mode))

(defun resolution-ls-contact (&optional _interactive)
  "How eglot starts resolution-ls: the program and its `initializationOptions'."
  (let ((program (if (file-name-absolute-p resolution-ls-program)
                     (and (file-executable-p resolution-ls-program) resolution-ls-program)
                   (executable-find resolution-ls-program))))
    (unless program
      (user-error
       (concat "resolution-ls: `%s' was not found%s.  Install resolution-ls "
               "(see editors/README.md), or set `resolution-ls-program' to its full path")
       resolution-ls-program
       (if (file-name-absolute-p resolution-ls-program) "" " on `exec-path'")))
    (list program :initializationOptions (or resolution-ls-settings eglot--{}))))

;; Put first, so that it wins over other servers eglot knows for Markdown (eglot runs one
;; server per buffer).
(add-to-list 'eglot-server-programs (cons resolution-ls-modes #'resolution-ls-contact))

(defun resolution-ls-renumber ()
  "Renumber the operative paragraphs of the current draft.
References to them (\"paragraph 5 above\") are renumbered too."
  (interactive)
  (let ((server (eglot--current-server-or-lose)))
    (eglot-execute-command server "resolution-ls.renumber"
                           (vector (eglot--path-to-uri (buffer-file-name))))))

(provide 'resolution-ls)
;;; resolution-ls.el ends here
