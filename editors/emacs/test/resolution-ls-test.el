;;; resolution-ls-test.el --- Batch test of resolution-ls with eglot and flymake  -*- lexical-binding: t; -*-

;; Run by `cargo test' (tests/editors.rs) as
;;
;;   emacs --batch -L editors/emacs -l editors/emacs/test/resolution-ls-test.el
;;
;; with RESOLUTION_LS_SERVER (the server binary), RESOLUTION_TEST_DRAFT (the draft with known
;; defects) and RESOLUTION_TEST_DIR (an empty folder to work in).  Not `-Q': Debian's site
;; start-up file puts elpa-eglot on the load path.  Exits 0 when every check passed, else 1.

;;; Code:

(require 'cl-lib)
(require 'flymake)
(require 'resolution-ls)

(defconst resolution-ls-test-timeout 15.0
  "Seconds to wait for a condition before failing.")

(defun resolution-ls-test-env (name)
  "The value of the environment variable NAME, which must be set."
  (let ((value (getenv name)))
    (when (or (null value) (string-empty-p value))
      (error "The environment variable %s is not set" name))
    value))

(defun resolution-ls-test-say (format-string &rest arguments)
  "Print FORMAT-STRING with ARGUMENTS on a line of standard error."
  (princ (concat (apply #'format format-string arguments) "\n") #'external-debugging-output))

(defun resolution-ls-test-run-idle-timers ()
  "Run the idle timers, as an interactive Emacs does when the user pauses.
Batch mode is never idle, and eglot sends changes and flymake starts
checks on idle timers."
  (dolist (timer (copy-sequence timer-idle-list))
    (when (and (timerp timer) (not (timer--triggered timer)))
      (timer-event-handler timer))))

(defun resolution-ls-test-wait (what predicate &optional explain)
  "Wait until PREDICATE returns non-nil.
Fail naming WHAT, with what EXPLAIN returns, at the deadline."
  (let ((deadline (+ (float-time) resolution-ls-test-timeout)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (resolution-ls-test-run-idle-timers)
      ;; Reads the server's messages and runs the other timers.
      (accept-process-output nil 0.02))
    (unless (funcall predicate)
      (error "Timed out after %s s waiting for %s%s" resolution-ls-test-timeout what
             (if explain (concat "\n" (funcall explain)) "")))))

(defun resolution-ls-test-diagnostics ()
  "The flymake diagnostics of the current buffer as sorted strings.
Each is \"CODE at LINE:COLUMN-COLUMN TYPE\", lines 1-based, columns
0-based in characters."
  (sort
   (mapcar
    (lambda (diagnostic)
      (let* ((beg (flymake-diagnostic-beg diagnostic))
             (end (flymake-diagnostic-end diagnostic))
             (text (flymake-diagnostic-text diagnostic))
             (code (and (string-match "\\[\\([a-z-]+\\)\\]" text) (match-string 1 text))))
        (save-excursion
          (goto-char beg)
          (format "%s at %d:%d-%d %s" code (line-number-at-pos beg) (current-column)
                  (+ (current-column) (- end beg)) (flymake-diagnostic-type diagnostic)))))
    (flymake-diagnostics))
   #'string<))

(defun resolution-ls-test-expected (expectations)
  "The diagnostics EXPECTATIONS describe, as sorted strings.
EXPECTATIONS is a list of (CODE LINE NEEDLE TYPE)."
  (sort
   (mapcar
    (lambda (expectation)
      (cl-destructuring-bind (code line needle type) expectation
        (save-excursion
          (goto-char (point-min))
          (forward-line (1- line))
          (unless (search-forward needle (line-end-position) t)
            (error "Line %d has no %S" line needle))
          (let ((column (- (current-column) (length needle))))
            (format "%s at %d:%d-%d %s" code line column (+ column (length needle)) type)))))
    expectations)
   #'string<))

(defun resolution-ls-test-wait-for-diagnostics (what expectations)
  "Wait until flymake has exactly the diagnostics EXPECTATIONS, reporting WHAT."
  (let ((expected (resolution-ls-test-expected expectations)))
    (resolution-ls-test-wait
     what
     (lambda () (equal (resolution-ls-test-diagnostics) expected))
     (lambda ()
       (format "expected:\n  %s\nflymake has:\n  %s"
               (string-join expected "\n  ")
               (string-join (mapcar #'flymake-diagnostic-text (flymake-diagnostics)) "\n  "))))
    (resolution-ls-test-say "ok - %s" what)))

(defun resolution-ls-test-run ()
  "Open the draft, check diagnostics through flymake, renumber, and shut down."
  (let* ((server-binary (resolution-ls-test-env "RESOLUTION_LS_SERVER"))
         (work (file-name-as-directory (resolution-ls-test-env "RESOLUTION_TEST_DIR")))
         (draft (expand-file-name "defects.res.md" work))
         (eglot-confirm-server-initiated-edits nil)
         (eglot-sync-connect t)
         server process)
    (setq resolution-ls-program server-binary)
    (copy-file (resolution-ls-test-env "RESOLUTION_TEST_DRAFT") draft t)
    (find-file draft)
    (unless (memq major-mode '(resolution-ls-draft-mode markdown-mode))
      (error "The draft opened in %s" major-mode))
    (resolution-ls-test-say "ok - %s opens in %s" (file-name-nondirectory draft) major-mode)
    ;; What M-x eglot does: guess the server from `eglot-server-programs'.
    (apply #'eglot (eglot--guess-contact))
    (resolution-ls-test-wait "eglot to connect"
                             (lambda () (and (eglot-current-server) (eglot-managed-p))))
    (setq server (eglot-current-server)
          process (jsonrpc--process server))
    (resolution-ls-test-say "ok - eglot manages the draft with %s" (process-command process))
    (unless flymake-mode
      (error "Eglot did not turn on flymake-mode"))
    ;; Lines are 1-based here; columns count characters (the emoji is one).
    (resolution-ls-test-wait-for-diagnostics
     "diagnostics through flymake, with codes, types and positions (after an emoji too)"
     '(("paragraph-punctuation" 5 ";" eglot-note)
       ("misnumbered-paragraph" 11 "4." eglot-error)
       ("dangling-footnote" 11 "<sup>2</sup>" eglot-error)))
    (resolution-ls-renumber)
    (resolution-ls-test-wait
     "M-x resolution-ls-renumber to renumber"
     (lambda ()
       (save-excursion
         (goto-char (point-min))
         (forward-line 10)
         (looking-at-p "3\\. ")))
     (lambda () (buffer-string)))
    (resolution-ls-test-say "ok - M-x resolution-ls-renumber renumbered the paragraphs")
    (resolution-ls-test-wait-for-diagnostics
     "diagnostics refreshed after the edit"
     '(("paragraph-punctuation" 5 ";" eglot-note)
       ("dangling-footnote" 11 "<sup>2</sup>" eglot-error)))
    ;; Eglot shows the server's standard error: it should have had nothing to say.
    (let ((stderr (with-current-buffer (jsonrpc-stderr-buffer server) (buffer-string))))
      (unless (string-empty-p (string-trim stderr))
        (error "The server wrote on standard error:\n%s" stderr)))
    (resolution-ls-test-say "ok - nothing on the server's standard error")
    ;; eglot sends `shutdown' and `exit', then deletes the process at once (jsonrpc-shutdown),
    ;; which hides whether the server would have exited by itself.  Give it the chance first.
    (advice-add 'jsonrpc-shutdown :before
                (lambda (&rest _)
                  (let ((deadline (+ (float-time) resolution-ls-test-timeout)))
                    (while (and (process-live-p process) (< (float-time) deadline))
                      (accept-process-output process 0.02))))
                '((name . resolution-ls-test-let-it-exit)))
    (eglot-shutdown server)
    (resolution-ls-test-wait "the server process to end"
                             (lambda () (not (process-live-p process))))
    (unless (and (eq (process-status process) 'exit) (= (process-exit-status process) 0))
      (error "The server ended with %s %s instead of exit status 0"
             (process-status process) (process-exit-status process)))
    (when (eglot-managed-p)
      (error "The buffer is still managed by eglot after shutdown"))
    (resolution-ls-test-say "ok - eglot shut the server down cleanly (exit status 0)")
    (resolution-ls-test-say "passed: Emacs %s, %s" emacs-version
                            (file-name-nondirectory
                             (directory-file-name
                              (file-name-directory (locate-library "eglot")))))))

(condition-case failure
    (progn
      (resolution-ls-test-run)
      (kill-emacs 0))
  (error
   (resolution-ls-test-say "FAILED: %s" (error-message-string failure))
   (kill-emacs 1)))

;;; resolution-ls-test.el ends here
