import fc from "fast-check";
import { formatCidr, intToIp, overlaps, parseCidr } from "../../../../lib/cidr";
import { DEV_SECRETS, stackProblems } from "../../../helpers/stackConfig";

type Values = Record<string, any>;

const problemsOf = (edit: (v: Values) => void, secrets = DEV_SECRETS): string[] => stackProblems("dev", edit, secrets);

describe("overlap rule (property)", () => {
  const block = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 8, max: 28 })).map(([a, p]) => {
    const mask = (0xffffffff << (32 - p)) >>> 0;
    return formatCidr({ network: (a & mask) >>> 0, prefix: p });
  });

  it("rejects exactly the pairs of node ranges that overlap", () => {
    fc.assert(
      fc.property(block, block, (a, b) => {
        const problems = problemsOf((v) => {
          v.networks = [
            { name: "one", cloud: "gcp", nodeCidr: a },
            { name: "two", cloud: "local", nodeCidr: b },
          ];
          v.topology = "local";
          v.vpnLinks = [];
          v.clusters = [
            { name: "c1", network: "one", platform: "existing", existing: { kubeconfigKey: "anthosKubeconfig", apiServer: "https://10.0.0.1:6443" } },
          ];
          v.mesh = { installer: "manifests", revision: "rev-1", ca: "plugin", workloadNamespaces: ["sample"] };
          v.verify = { enabled: false };
        });
        const overlapReported = problems.some((p) => p.includes("overlaps"));
        expect(overlapReported).toBe(overlaps(parseCidr(a)!, parseCidr(b)!));
      }),
      { numRuns: 200 },
    );
  });

  it("accepts any disjoint split of one block into node, pod and service ranges", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x3fffffff }), (base) => {
        const start = ((base << 2) & 0xfffff000) >>> 0;
        const [node, pod, svc] = [0, 1, 2].map((i) => `${intToIp(start + i * 1024)}/22`);
        const problems = problemsOf((v) => {
          v.networks[0] = { name: "anthos-hybrid", cloud: "gcp", nodeCidr: node, podCidr: pod, serviceCidr: svc };
        });
        // Other networks of the stack may collide with a random block; only splits inside networks[0] are under test.
        const withinNetwork = /:networks\[0\]\.\w+ = .*overlaps networks\[0\]\./;
        expect(problems.filter((p) => withinNetwork.test(p))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
