/** How Go prints what the real plug-in puts in its error messages. */
import * as os from "os";

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
};

/** fmt's %q (strconv.Quote) for the usual characters: C escapes, \x for other control bytes. */
export function goQuote(text: string): string {
  let quoted = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (ESCAPES[char] !== undefined) quoted += ESCAPES[char];
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, "0")}`;
    else if ((code >= 0x80 && code <= 0x9f) || code === 0x2028 || code === 0x2029) quoted += `\\u${code.toString(16).padStart(4, "0")}`;
    else quoted += char;
  }
  return `${quoted}"`;
}

/** Linux signal descriptions of Go's syscall signal table (os.ProcessState.String: "signal: killed"). */
const SIGNALS: Record<number, string> = {
  1: "hangup",
  2: "interrupt",
  3: "quit",
  4: "illegal instruction",
  5: "trace/breakpoint trap",
  6: "aborted",
  7: "bus error",
  8: "floating point exception",
  9: "killed",
  10: "user defined signal 1",
  11: "segmentation fault",
  12: "user defined signal 2",
  13: "broken pipe",
  14: "alarm clock",
  15: "terminated",
};

/** os.ProcessState.String (golang/go src/os/exec_posix.go): "exit status 3" or "signal: killed". */
export function processState(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal !== null) {
    const number = os.constants.signals[signal];
    return `signal: ${SIGNALS[number] ?? `signal ${number}`}`;
  }
  return `exit status ${code ?? -1}`;
}

/** syscall.Errno texts for the errors a start can meet. */
const ERRNO: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  ENOTDIR: "not a directory",
  ENOEXEC: "exec format error",
};

export function errnoText(error: NodeJS.ErrnoException): string {
  return (error.code && ERRNO[error.code]) ?? error.message;
}
