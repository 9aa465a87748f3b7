/**
 * The drift check's filter (.github/drift/changes.jq), run by the real jq on previews shaped as
 * `pulumi preview --json` prints them: it reports what changed in the cloud and leaves out the
 * updates that only the read-only credentials of the check cause.
 */
import { execFileSync } from "child_process";
import * as path from "path";
import { ROOT } from "./workflows";

const changes = (steps: object[]): string[] =>
  execFileSync("jq", ["-r", "-f", path.join(ROOT, ".github/drift/changes.jq")], { input: JSON.stringify({ steps }), encoding: "utf8" })
    .split("\n")
    .filter(Boolean);

const urn = (type: string, name: string) => `urn:pulumi:dev::multicloud-mesh::${type}::${name}`;

describe("the drift filter", () => {
  it("reports nothing when every step is the same", () => {
    expect(changes([{ op: "same", urn: urn("gcp:compute/firewall:Firewall", "f") }])).toEqual([]);
  });

  it("reports a changed firewall, a deleted tunnel and a replaced cluster with the inputs that changed", () => {
    expect(
      changes([
        { op: "update", urn: urn("gcp:compute/firewall:Firewall", "f"), detailedDiff: { sourceRanges: { kind: "update" } } },
        { op: "create", urn: urn("gcp:compute/vPNTunnel:VPNTunnel", "t") },
        { op: "replace", urn: urn("gcp:container/cluster:Cluster", "c"), diffReasons: ["location"] },
      ]),
    ).toEqual([
      `update ${urn("gcp:compute/firewall:Firewall", "f")} sourceRanges`,
      `create ${urn("gcp:compute/vPNTunnel:VPNTunnel", "t")} `,
      `replace ${urn("gcp:container/cluster:Cluster", "c")} location`,
    ]);
  });

  it("leaves out updates of credential inputs only: script keys and kubeconfigs, provider keys", () => {
    expect(
      changes([
        {
          op: "update",
          urn: urn("command:local:Command", "fw-run"),
          detailedDiff: { "environment.NIFCLOUD_ACCESS_KEY_ID": { kind: "update" }, "environment.NIFCLOUD_SECRET_ACCESS_KEY": { kind: "update" } },
        },
        { op: "update", urn: urn("pulumi:providers:alicloud", "alibaba"), diffReasons: ["accessKey", "secretKey"] },
        { op: "update", urn: urn("pulumi:providers:kubernetes", "anthos-k8s"), detailedDiff: { kubeconfig: { kind: "update" } } },
      ]),
    ).toEqual([]);
  });

  it("keeps an update that changes a credential and something else, or names no input", () => {
    expect(
      changes([
        {
          op: "update",
          urn: urn("command:local:Command", "fw-run"),
          detailedDiff: { "environment.NIFCLOUD_ACCESS_KEY_ID": { kind: "update" }, "environment.FW_RULES": { kind: "update" } },
        },
        { op: "update", urn: urn("command:local:Command", "lan-run") },
      ]),
    ).toEqual([
      `update ${urn("command:local:Command", "fw-run")} environment.FW_RULES,environment.NIFCLOUD_ACCESS_KEY_ID`,
      `update ${urn("command:local:Command", "lan-run")} `,
    ]);
  });
});
