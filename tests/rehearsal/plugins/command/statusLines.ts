/**
 * The logged output, split into lines as pulumi-command v1.2.1 does it: both logged streams write into
 * one pipe (provider/pkg/provider/local/commandOutputs.go:56-71) read by a default bufio.Scanner
 * (util/util.go:32-53), so lines are cut at `\n`, a trailing `\r` is dropped, empty lines are lines
 * and the last line is sent without its newline (golang/go src/bufio/scan.go ScanLines, dropCR).
 *
 * A line that fills the Scanner's 64 KiB buffer (MaxScanTokenSize) stops the scan for good:
 * LogOutput returns, nobody reads the pipe again and every further write to it blocks, so the
 * command's output is never fully copied and the run never returns (scan.go Scan: ErrTooLong).
 */
export const MAX_LINE_BYTES = 64 * 1024;

export class StatusLines {
  private pending = Buffer.alloc(0);
  private stopped = false;

  constructor(
    private readonly emit: (line: string) => void,
    private readonly onStall: () => void,
  ) {}

  get stalled(): boolean {
    return this.stopped;
  }

  push(chunk: Buffer): void {
    if (this.stalled) return;
    this.pending = Buffer.concat([this.pending, chunk]);
    let newline: number;
    while ((newline = this.pending.indexOf(0x0a)) >= 0) {
      if (newline >= MAX_LINE_BYTES) return this.stall();
      this.emit(dropCR(this.pending.subarray(0, newline)));
      this.pending = this.pending.subarray(newline + 1);
    }
    if (this.pending.length >= MAX_LINE_BYTES) this.stall();
  }

  /** The output ended: the last line goes out even without a newline. */
  end(): void {
    if (!this.stalled && this.pending.length > 0) this.emit(dropCR(this.pending));
    this.pending = Buffer.alloc(0);
  }

  private stall(): void {
    this.stopped = true;
    this.pending = Buffer.alloc(0);
    this.onStall();
  }
}

function dropCR(line: Buffer): string {
  const end = line.length > 0 && line[line.length - 1] === 0x0d ? line.length - 1 : line.length;
  return line.subarray(0, end).toString("utf8");
}
