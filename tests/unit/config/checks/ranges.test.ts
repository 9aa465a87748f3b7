/** Node, pod and service ranges of all networks are disjoint; zones sit inside their VPC and apart. */
import fc from "fast-check";
import { checkRangeSpaces, checkRanges } from "../../../../config/checks/ranges";
import { Problems } from "../../../../config/problems";
import { NetworkSpec } from "../../../../config/types";
import { formatCidr, intToIp, overlaps, parseCidr } from "../../../../lib/cidr";
import { DEV_SECRETS, stackProblems } from "../../../helpers/stackConfig";
import { gcpNetwork } from "../../../helpers/draftConfig";

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

describe("checkRanges", () => {
  const problemsOfRanges = (networks: NetworkSpec[]) => {
    const problems = new Problems();
    checkRanges(problems, networks);
    return problems.list;
  };
  const gcp: NetworkSpec = { name: "gke", cloud: "gcp", nodeCidr: "10.128.0.0/20", podCidr: "10.132.0.0/14", serviceCidr: "10.136.0.0/20" };
  const vpc = (zones: { zoneId: string; cidr: string }[], serviceCidr = "172.21.0.0/20"): NetworkSpec => ({
    name: "ack",
    cloud: "alibaba",
    nodeCidr: "192.168.0.0/16",
    serviceCidr,
    zones,
  });

  it("accepts disjoint networks whose zones sit inside their VPC", () => {
    expect(
      problemsOfRanges([
        gcp,
        vpc([
          { zoneId: "a", cidr: "192.168.1.0/24" },
          { zoneId: "c", cidr: "192.168.2.0/24" },
        ]),
      ]),
    ).toEqual([]);
  });

  it("names the later range and the earlier one it overlaps, across networks and kinds of range", () => {
    expect(problemsOfRanges([gcp, vpc([{ zoneId: "a", cidr: "192.168.1.0/24" }], "10.134.0.0/20")])).toEqual([
      expect.stringMatching(
        /networks\[1\]\.serviceCidr = "10\.134\.0\.0\/20": overlaps networks\[0\]\.podCidr 10\.132\.0\.0\/14\. Fix: choose disjoint ranges/,
      ),
    ]);
  });

  it("rejects a zone outside its VPC and two zones sharing addresses", () => {
    const zones = [
      { zoneId: "a", cidr: "192.168.1.0/24" },
      { zoneId: "b", cidr: "192.169.0.0/24" },
      { zoneId: "c", cidr: "192.168.1.128/25" },
    ];
    expect(problemsOfRanges([gcp, vpc(zones)])).toEqual([
      expect.stringMatching(
        /networks\[1\]\.zones\[1\]\.cidr = "192\.169\.0\.0\/24": is outside the network's nodeCidr 192\.168\.0\.0\/16\. Fix: pick a vSwitch range/,
      ),
      expect.stringMatching(
        /networks\[1\]\.zones\[2\]\.cidr = "192\.168\.1\.128\/25": overlaps networks\[1\]\.zones\[0\]\.cidr 192\.168\.1\.0\/24\. Fix: give each zone its own range/,
      ),
    ]);
  });

  it("adds no follow-on problem for a range that does not parse (the reader reports it)", () => {
    expect(problemsOfRanges([{ ...gcp, podCidr: "10.132.0.0/33" }, vpc([{ zoneId: "a", cidr: "not-a-cidr" }])])).toEqual([]);
  });
});

describe("checkRangeSpaces", () => {
  const spaces = (nodeCidr: string, publicRangesOwned?: boolean) => {
    const problems = new Problems();
    checkRangeSpaces(problems, [gcpNetwork({ nodeCidr, publicRangesOwned })]);
    return { problems: problems.list, warnings: problems.warnings };
  };
  const P = "multicloud-mesh:";
  it("accepts private and shared space without a word", () => {
    expect(spaces("10.128.0.0/20")).toEqual({ problems: [], warnings: [] });
    expect(spaces("100.64.0.0/20")).toEqual({ problems: [], warnings: [] });
  });
  it("rejects space no network's hosts can have", () => {
    expect(spaces("127.0.0.0/24").problems).toEqual([
      `${P}networks[0].nodeCidr = "127.0.0.0/24": lies in 127.0.0.0/8 loopback (RFC 1122), which no network's hosts can have. Fix: use a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10)`,
    ]);
  });
  it("warns of reserved space, which opens nothing to others", () => {
    expect(spaces("198.18.0.0/24")).toEqual({
      problems: [],
      warnings: [
        `${P}networks[0].nodeCidr = "198.18.0.0/24": lies in 198.18.0.0/15 benchmarking (RFC 2544): never routed on the internet, so it opens nothing to others, but it is set aside for that use`,
      ],
    });
  });
  it("rejects public space the network does not own", () => {
    expect(spaces("8.8.8.0/24").problems).toEqual([
      `${P}networks[0].nodeCidr = "8.8.8.0/24": holds 256 public IPv4 addresses, which others hold: the stack would open the mesh ports and the API server to them. Fix: use a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10), or set networks[0].publicRangesOwned: true if it is address space you own`,
    ]);
  });
  it("accepts owned public space up to a /16 with a warning, and refuses more", () => {
    expect(spaces("8.8.0.0/16", true)).toEqual({
      problems: [],
      warnings: [`${P}networks[0].nodeCidr = "8.8.0.0/16": is public address space, accepted as your own (networks[0].publicRangesOwned)`],
    });
    expect(spaces("8.8.0.0/15", true).problems).toEqual([
      `${P}networks[0].nodeCidr = "8.8.0.0/15": holds 131072 public IPv4 addresses, more than the 65536 of a /16, the most one organisation commonly holds (the policy pack refuses rules open to more). Fix: list the public ranges you own, each at most a /16, or use a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10)`,
    ]);
  });
});

describe("in the dev stack, overlapping ranges", () => {
  const cases: [string, (v: Record<string, any>) => void, RegExp][] = [
    [
      "overlapping networks",
      (v) => {
        v.networks[1].nodeCidr = "10.128.8.0/24";
      },
      /networks\[1\]\.nodeCidr = "10\.128\.8\.0\/24": overlaps networks\[0\]\.nodeCidr 10\.128\.0\.0\/20\. Fix: choose disjoint ranges/,
    ],
    [
      "overlapping service ranges",
      (v) => {
        v.networks[1].serviceCidr = "10.136.0.0/24";
      },
      /networks\[1\]\.serviceCidr = "10\.136\.0\.0\/24": overlaps networks\[0\]\.serviceCidr/,
    ],
  ];
  it.each(cases)("rejects %s", (_what, edit, expected) => {
    expect(stackProblems("dev", edit).join("\n")).toMatch(expected);
  });
});
