;;; quickfix.el --- Emacs 28 + Eglot 1.9 (Debian) as a real LSP client of ssot-lint  -*- lexical-binding: t -*-
;; Open a Python file with an os.environ.get() read, receive the diagnostic through
;; flymake, ask for code actions, apply the quick fix (eglot refuses an edit whose
;; version is not the buffer's), and see the diagnostic cleared.
;; Env: SSOT_SERVER_BIN, SSOT_FILE.  Batch mode runs no idle timers or post-command-hook,
;; hence the explicit connect, flymake-start and didChange calls.
(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'json)
(setq eglot-sync-connect t eglot-autoshutdown t)
(add-to-list 'eglot-server-programs
             `(python-mode . ("node" ,(getenv "SSOT_SERVER_BIN") "lsp" "--stdio")))
(defun out (fmt &rest args) (princ (concat (apply #'format fmt args) "\n")))
(defun wait-until (pred secs)
  (let ((deadline (+ (float-time) secs)))
    (while (and (not (funcall pred)) (< (float-time) deadline)) (accept-process-output nil 0.05))
    (funcall pred)))
(condition-case err
    (progn
      (find-file (getenv "SSOT_FILE"))
      (apply #'eglot--connect (eglot--guess-contact))
      (unless (wait-until (lambda () (flymake-start) (flymake-diagnostics)) 15) (error "no diagnostics"))
      (dolist (d (flymake-diagnostics))
        (out "DIAGNOSTIC line %d %s: %s" (line-number-at-pos (flymake-diagnostic-beg d))
             (flymake-diagnostic-type d) (flymake-diagnostic-text d)))
      (let* ((d (car (flymake-diagnostics)))
             (actions (eglot-code-actions (flymake-diagnostic-beg d) (flymake-diagnostic-end d))))
        (dolist (a actions) (out "CODE_ACTION %s (%s)" (plist-get a :title) (plist-get a :kind)))
        (unless actions (error "no code actions"))
        (eglot--apply-workspace-edit (plist-get (car actions) :edit))
        (eglot--signal-textDocument/didChange))
      (out "BUFFER_AFTER_FIX %s" (json-encode (string-trim-right (buffer-substring-no-properties (point-min) (point-max)) "\n")))
      (unless (wait-until (lambda () (flymake-start) (null (flymake-diagnostics))) 10) (error "diagnostics not cleared"))
      (out "DIAGNOSTICS_CLEARED t")
      (set-buffer-modified-p nil)
      (eglot-shutdown (eglot-current-server))
      (out "RESULT: PASS") (kill-emacs 0))
  (error (out "RESULT: FAIL %S" err) (kill-emacs 1)))
