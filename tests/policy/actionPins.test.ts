/**
 * Every action is pinned by commit: a tag can be moved to other code, a commit cannot. The tag
 * stays beside it as a comment, which Dependabot reads and rewrites with the commit it proposes.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ROOT, localActions, workflowTexts } from "./workflows";

/** `uses: owner/repo[/path]@<40 hex>  # vX.Y.Z`; local actions (`./...`) are the repository's own. */
const PINNED = /^\s*(?:- )?uses: [\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@[0-9a-f]{40} {2}# v\d+\.\d+\.\d+$/;

/** Every `uses:` line that is not a pinned reference, as `<file>:<line>: <text>`. */
export function unpinned(files: readonly { file: string; text: string }[]): string[] {
  return files.flatMap(({ file, text }) =>
    text.split("\n").flatMap((line, i) => {
      if (!/^\s*(- )?uses:/.test(line) || /uses: \.\//.test(line) || PINNED.test(line)) return [];
      return [`${file}:${i + 1}: ${line.trim()}`];
    }),
  );
}

describe("action references", () => {
  it("are all pinned by commit, with the tag in a comment", () => {
    const files = workflowTexts();
    const uses = files.flatMap(({ text }) => text.split("\n").filter((l) => /^\s*(- )?uses: [^.]/.test(l)));
    expect(uses.length).toBeGreaterThan(0);
    expect(unpinned(files)).toEqual([]);
  });

  it("GIVEN a tag, a branch, a short commit or a commit without its tag THEN each is reported", () => {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    const text = [
      "      - uses: actions/checkout@v4",
      "        uses: actions/setup-node@main",
      `      - uses: pulumi/actions@${sha.slice(0, 7)}  # v7.0.0`,
      `      - uses: pulumi/esc-action@${sha}`,
      `      - uses: pulumi/auth-actions@${sha}  # v2.1.0`,
      "      - uses: ./.github/actions/deploy-tools",
    ].join("\n");
    expect(unpinned([{ file: "w.yml", text }]).map((l) => l.split(":")[1])).toEqual(["1", "2", "3", "4"]);
  });
});

describe("Dependabot", () => {
  const config = () => parse(fs.readFileSync(path.join(ROOT, ".github/dependabot.yml"), "utf8")) as { version: number; updates: any[] };

  // The github-actions ecosystem reads .github/workflows for "/" and a local action only when its
  // own directory is listed (a glob under .github/actions is not reliably expanded).
  it("keeps the pinned actions of the workflows and of every local action up to date", () => {
    expect(config().version).toBe(2);
    const actions = config().updates.filter((u) => u["package-ecosystem"] === "github-actions");
    const directories = actions.flatMap((u) => u.directories ?? [u.directory]);
    const local = localActions().map((a) => `/${path.dirname(a.file)}`);
    expect(local.length).toBeGreaterThan(0);
    expect(directories).toEqual(expect.arrayContaining(["/", ...local]));
    actions.forEach((u) => expect(u.schedule?.interval).toMatch(/^(daily|weekly|monthly)$/));
  });
});
