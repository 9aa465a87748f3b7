/**
 * The logged output's line scanner, as pulumi-command v1.2.1 util/util.go:32-53 reads it with a
 * default bufio.Scanner (golang/go src/bufio/scan.go): lines up to 64 KiB; a longer line stops the
 * scan and the run never returns.
 */
import { MAX_LINE_BYTES, StatusLines } from "../../../../../rehearsal/plugins/command/statusLines";
import { recordingProvider, sleep, URN } from "./fixtures";

function scan(chunks: string[]): { lines: string[]; stalled: boolean } {
  const lines: string[] = [];
  let stalled = false;
  const scanner = new StatusLines(
    (line) => lines.push(line),
    () => (stalled = true),
  );
  chunks.forEach((chunk) => scanner.push(Buffer.from(chunk)));
  scanner.end();
  return { lines, stalled };
}

it("joins lines across chunks, drops one CR before LF and sends a last line without newline (scan.go ScanLines, dropCR)", () => {
  expect(scan(["a", "b\r\n\r", "\nc\r\r\nlast"])).toEqual({ lines: ["ab", "", "c\r", "last"], stalled: false });
});

it("takes a line of 64 KiB less one byte, and stalls on a line of 64 KiB (scan.go MaxScanTokenSize, ErrTooLong)", () => {
  expect(scan(["x".repeat(MAX_LINE_BYTES - 1) + "\nnext\n"]).lines).toEqual(["x".repeat(MAX_LINE_BYTES - 1), "next"]);
  expect(scan(["before\n", "x".repeat(MAX_LINE_BYTES), "\nafter\n"])).toEqual({ lines: ["before"], stalled: true });
});

it("a logged line of 64 KiB makes the run never return, not even on cancel; an unlogged one does not (util/util.go:32-53; exec.go awaitGoroutines)", async () => {
  const long = `head -c ${MAX_LINE_BYTES + 10} /dev/zero | tr '\\0' x`;
  const unlogged = recordingProvider();
  expect((await unlogged.provider.create(URN, { create: long, logging: "stderr" })).outs.stdout).toHaveLength(MAX_LINE_BYTES + 10);

  const { provider, notes } = recordingProvider();
  let settled = false;
  void provider.create(URN, { create: long }).finally(() => (settled = true));
  await sleep(300);
  await provider.cancel();
  await sleep(200);
  expect(settled).toBe(false);
  expect(notes).toEqual([expect.stringContaining("reached 64 KiB")]);
});
