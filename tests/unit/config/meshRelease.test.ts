/** asmcli's revision names and Cloud Service Mesh's supported lines. */
import { asmRevision, isSupportedLine, revisionLine } from "../../../config/meshRelease";

it("names a revision after the release as asmcli does", () => {
  expect(asmRevision("1.29.0-asm.1")).toBe("asm-1290-1");
  expect(asmRevision("1.31.12-asm.7")).toBe("asm-13112-7");
  expect(asmRevision("1.17.8-asm.20")).toBe("asm-1178-20");
  expect(asmRevision("1.29")).toBeUndefined();
});

it("tells the release line of a revision asmcli named", () => {
  expect(revisionLine("asm-1290-1")).toBe("1.29");
  expect(revisionLine("asm-13112-7")).toBe("1.31");
  expect(revisionLine("asm-1175-9")).toBe("1.17");
  expect(revisionLine("canary")).toBeUndefined();
});

it("supports the last three lines only", () => {
  expect(["1.28", "1.29", "1.30", "1.31", "1.32", "1.17"].filter(isSupportedLine)).toEqual(["1.29", "1.30", "1.31"]);
});
