import * as fs from "fs";
import { ConfigError } from "../../../config/problems";
import { validateConfig, validateWithWarnings } from "../../../config/validate";
import { DEV_SECRETS, ROOT, STACK_SECRETS, stackProblems, rawConfig, validatedAs } from "../../helpers/stackConfig";
import { DEFAULT_IPSEC } from "../../helpers/ipsec";

type Values = Record<string, any>;

const problemsOf = (edit: (v: Values) => void, secrets = DEV_SECRETS): string[] => stackProblems("dev", edit, secrets);

describe("the committed stacks", () => {
  const committed = fs
    .readdirSync(ROOT)
    .flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? [])
    .sort();
  it("are the stacks these tests know the secrets of", () => {
    expect(committed).toEqual(Object.keys(STACK_SECRETS).sort());
  });
  it.each(committed)("Pulumi.%s.yaml is valid, with no problem and no warning", (stack) => {
    expect(validateWithWarnings(rawConfig(stack, STACK_SECRETS[stack])).warnings).toEqual([]);
  });
});

describe("the dev stack's configuration", () => {
  it("is valid and keeps the seed's values", () => {
    const config = validatedAs("nifcloud-gke", rawConfig("dev"));
    expect(config.topology).toBe("nifcloud-gke");
    expect(config.vpnLinks[0].peer).toMatchObject({
      kind: "nifcloud",
      firewallGroup: "FWNIFC",
      gatewayName: "NifcAnthosVpn",
      customerGatewayName: "VPNCGW",
      gatewayPrivateIp: "172.16.232.2",
    });
    expect(config.vpnLinks[0].crypto).toEqual({ ...DEFAULT_IPSEC, allowWeak: false });
    expect(config.clusters.map((c) => c.meshNetwork)).toEqual(["example-mesh-project-anthos-hybrid", "nifclan"]);
    expect(config.mesh).toMatchObject({ revision: "asm-1290-1", asmcliVersion: "1.29", gatewayNamespace: "nifc-gateway", ca: "mesh_ca" });
  });

  it("defaults the crypto to IKEv2 / AES256 / SHA256 / DH 14 and keeps the seed's IKEv1 only when asked", () => {
    const defaults = validatedAs(
      "nifcloud-gke",
      rawConfig("dev", DEV_SECRETS, (v: Values) => {
        delete v.vpnLinks[0].crypto;
      }),
    );
    expect(defaults.vpnLinks[0].crypto).toMatchObject({ ikeVersion: 2, encryption: "aes256", integrity: "sha256", dhGroup: 14 });
    const seed = validatedAs(
      "nifcloud-gke",
      rawConfig("dev", DEV_SECRETS, (v: Values) => {
        v.vpnLinks[0].crypto = { ikeVersion: 1, encryption: "aes128", integrity: "sha1", dhGroup: 2, allowWeak: true };
      }),
    );
    expect(seed.vpnLinks[0].crypto).toMatchObject({ ikeVersion: 1, encryption: "aes128", integrity: "sha1", dhGroup: 2 });
  });
});

describe("bad input names the key, the value and the fix", () => {
  const cases: [string, (v: Values) => void, RegExp][] = [
    [
      "a malformed CIDR",
      (v) => {
        v.networks[1].nodeCidr = "172.16.232.0/33";
      },
      /networks\[1\]\.nodeCidr = "172\.16\.232\.0\/33": is not a valid IPv4 CIDR\. Fix: use a\.b\.c\.d\/n/,
    ],
    [
      "host bits in a CIDR",
      (v) => {
        v.networks[0].podCidr = "10.132.0.1/14";
      },
      /networks\[0\]\.podCidr = "10\.132\.0\.1\/14": is not a valid IPv4 CIDR/,
    ],
    [
      "a gateway IP outside the LAN",
      (v) => {
        v.vpnLinks[0].peer.gatewayPrivateIp = "172.16.233.2";
      },
      /gatewayPrivateIp = "172\.16\.233\.2": is outside 172\.16\.232\.0\/24 \(nifclan\), so it is not a usable host address/,
    ],
    [
      "an east-west address the VPN cannot route",
      (v) => {
        v.clusters[1].eastWestAddress = "192.0.2.10";
      },
      /clusters\[1\]\.eastWestAddress = "192\.0\.2\.10": is outside 172\.16\.232\.0\/24 \(nifclan\)/,
    ],
    [
      "an unknown topology",
      (v) => {
        v.topology = "aws-gke";
      },
      /topology = "aws-gke": is not supported\. Fix: use one of "nifcloud-gke", "alibaba-gke", "local"/,
    ],
    [
      "a link to a missing network",
      (v) => {
        v.vpnLinks[0].peerNetwork = "nowhere";
      },
      /vpnLinks\[0\]\.peerNetwork = "nowhere": does not name a network with cloud: nifcloud/,
    ],
    [
      "two networks with one Istio network",
      (v) => {
        v.clusters[1].meshNetwork = "example-mesh-project-anthos-hybrid";
      },
      /clusters\[1\]\.meshNetwork .* different networks/,
    ],
    [
      "a GCP block that swallows the peer's services",
      (v) => {
        v.networks[0].serviceCidr = "10.100.0.0/20";
      },
      /vpnLinks\[0\]\.gcpNetwork = "anthos-hybrid": routes 10\.0\.0\.0\/8 to NIFCLOUD/,
    ],
    [
      "an API server that is not https",
      (v) => {
        v.clusters[1].existing.apiServer = "http://172.16.232.10";
      },
      /existing\.apiServer = "http:\/\/172\.16\.232\.10"/,
    ],
  ];
  it.each(cases)("rejects %s", (_what, edit, expected) => {
    const problems = problemsOf(edit);
    expect(problems.join("\n")).toMatch(expected);
  });

  it("rejects a missing kubeconfig with the command that sets it", () => {
    const { anthosKubeconfig, ...rest } = DEV_SECRETS;
    expect(anthosKubeconfig).toBeDefined();
    expect(problemsOf(() => undefined, rest).join("\n")).toMatch(
      /anthosKubeconfig = \(not set\): is the kubeconfig of cluster 'anthos' and is missing\. Fix: run: pulumi config set --secret anthosKubeconfig/,
    );
  });

  it("rejects a kubeconfig stored in plain text without echoing it", () => {
    const raw = rawConfig("dev");
    const problems = (() => {
      try {
        validateConfig({ ...raw, secretKeys: new Set(["nifcloudAccessKeyId", "nifcloudSecretAccessKey"]) });
        return [];
      } catch (e) {
        return [...(e as ConfigError).problems];
      }
    })();
    expect(problems.join("\n")).toMatch(/anthosKubeconfig = \[secret\]: is set in plain text, .* must be a secret\. Fix: set it with --secret/);
    expect(problems.join("\n")).not.toContain("server: https://172.16.232.10");
  });

  it("reports every problem at once", () => {
    const problems = problemsOf((v) => {
      v.networks[1].nodeCidr = "bad";
      v.vpnLinks[0].peer.gatewayName = "x_y";
      v.mesh.revision = "ASM 1.17";
    });
    expect(problems.length).toBeGreaterThanOrEqual(3);
  });
});

describe("sections of another topology", () => {
  it("rejects a services section outside topology local", () => {
    const problems = stackProblems("ack-dev", (v) => (v.multiClusterServices = { providerCluster: "ask", consumerCluster: "gke" }));
    expect(problems.join("\n")).toMatch(/multiClusterServices = "\(set\)": is not used by topology alibaba-gke\. Fix: remove multiClusterServices/);
  });
});

/**
 * Each class of bad input is a configuration error naming the key, the value and the fix, found
 * before any resource: several mistakes per class, each message exact.
 */
describe("every class of bad input", () => {
  const ack = (edit: (v: Values) => void) => stackProblems("ack-dev", edit);
  const local = (edit: (v: Values) => void) => stackProblems("local", edit);
  const P = "multicloud-mesh:";
  const PRIVATE_FIX = "use a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10)";

  describe("an IPv4 address with a number over 255", () => {
    const NOT_IPV4 = "is not an IPv4 address (four numbers from 0 to 255)";
    it.each([
      [
        "the NIFCLOUD gateway's address",
        (v: Values) => (v.vpnLinks[0].peer.gatewayPrivateIp = "172.16.232.300"),
        `${P}vpnLinks[0].peer.gatewayPrivateIp = "172.16.232.300": ${NOT_IPV4}. Fix: use an IPv4 address inside the private LAN`,
      ],
      [
        "an east-west address",
        (v: Values) => (v.clusters[1].eastWestAddress = "172.16.232.256"),
        `${P}clusters[1].eastWestAddress = "172.16.232.256": ${NOT_IPV4}. Fix: use an IPv4 address on the cluster's network`,
      ],
      [
        "an API server's host",
        (v: Values) => (v.clusters[1].existing.apiServer = "https://172.16.232.300:443"),
        `${P}clusters[1].existing.apiServer = "https://172.16.232.300:443": names host 172.16.232.300, which is no IPv4 address (four numbers from 0 to 255) and no DNS name (its last label is all digits). Fix: use the https:// URL of the API server reachable over the VPN, e.g. https://172.16.232.10:443`,
      ],
    ])("%s", (_, edit, message) => {
      expect(problemsOf(edit)).toContain(message);
    });
  });

  describe("ranges no network can have, or too small for what runs there", () => {
    it.each([
      [
        "a NIFCLOUD LAN in public space (a quarter of IPv4)",
        (v: Values) => (v.networks[1].nodeCidr = "128.0.0.0/2"),
        `${P}networks[1].nodeCidr = "128.0.0.0/2": holds 1072627712 public IPv4 addresses, which others hold: the stack would open the mesh ports and the API server to them. Fix: ${PRIVATE_FIX}, or set networks[1].publicRangesOwned: true if it is address space you own`,
      ],
      [
        "a GKE pod range in public space",
        (v: Values) => (v.networks[0].podCidr = "8.0.0.0/14"),
        `${P}networks[0].podCidr = "8.0.0.0/14": holds 262144 public IPv4 addresses, which others hold: the stack would open the mesh ports and the API server to them. Fix: ${PRIVATE_FIX}, or set networks[0].publicRangesOwned: true if it is address space you own`,
      ],
      [
        "a multicast LAN",
        (v: Values) => (v.networks[1].nodeCidr = "224.1.0.0/16"),
        `${P}networks[1].nodeCidr = "224.1.0.0/16": lies in 224.0.0.0/4 multicast (RFC 5771), which no network's hosts can have. Fix: ${PRIVATE_FIX}`,
      ],
      [
        "a loopback service range",
        (v: Values) => (v.networks[1].serviceCidr = "127.0.0.0/20"),
        `${P}networks[1].serviceCidr = "127.0.0.0/20": lies in 127.0.0.0/8 loopback (RFC 1122), which no network's hosts can have. Fix: ${PRIVATE_FIX}`,
      ],
      [
        "a GKE node subnet of one address",
        (v: Values) => (v.networks[0].nodeCidr = "10.128.0.0/32"),
        `${P}networks[0].nodeCidr = "10.128.0.0/32": holds 0 GKE nodes (a subnet of /N holds 2^(32-N) - 4: Google Cloud keeps four addresses of each), but cluster gke needs 4 (nodeCount 3 in 1 zone, and 1 for a surge upgrade). Fix: use a /29 or larger (a /29 holds 4 nodes, the smallest subnet GKE can use)`,
      ],
      [
        "a GKE node subnet too small for the node count",
        (v: Values) => (v.clusters[0].gke.nodeCount = 5) && (v.networks[0].nodeCidr = "10.128.0.0/29"),
        `${P}networks[0].nodeCidr = "10.128.0.0/29": holds 4 GKE nodes (a subnet of /N holds 2^(32-N) - 4: Google Cloud keeps four addresses of each), but cluster gke needs 6 (nodeCount 5 in 1 zone, and 1 for a surge upgrade). Fix: use a /28 or larger`,
      ],
      [
        "a GKE pod range too small for the nodes",
        (v: Values) => (v.networks[0].podCidr = "10.132.0.0/24"),
        `${P}networks[0].podCidr = "10.132.0.0/24": holds 1 node's pod range (GKE gives each node a /24 for its up to 110 pods), but cluster gke needs 4. Fix: use a /22 or larger`,
      ],
    ])("%s", (_, edit, message) => {
      expect(problemsOf(edit)).toContain(message);
    });

    it("accepts public space the user owns, and reserved space with a warning", () => {
      expect(problemsOf((v) => Object.assign(v.networks[1], { nodeCidr: "203.0.0.0/24", publicRangesOwned: true }))).not.toContainEqual(
        expect.stringContaining("networks[1].nodeCidr"),
      );
      const { warnings } = validateWithWarnings(rawConfig("dev", DEV_SECRETS, (v: Values) => (v.networks[1].podCidr = "198.18.0.0/16")));
      expect(warnings).toContain(
        `${P}networks[1].podCidr = "198.18.0.0/16": lies in 198.18.0.0/15 benchmarking (RFC 2544): never routed on the internet, so it opens nothing to others, but it is set aside for that use`,
      );
    });
  });

  describe("places that cannot fit together", () => {
    it.each([
      [
        "a GKE zone outside gcp.region",
        (v: Values) => (v.clusters[0].gke.location = "asia-northeast1-a"),
        `${P}clusters[0].gke.location = "asia-northeast1-a": is not in gcp.region us-central1, where the stack's subnet and VPN are. Fix: use us-central1 or one of its zones, e.g. us-central1-c`,
      ],
      [
        "a NIFCLOUD zone of another region",
        (v: Values) => (v.vpnLinks[0].peer.zone = "west-11"),
        `${P}vpnLinks[0].peer.zone = "west-11": is a zone of jp-west-1, not of peer.region jp-east-1. Fix: use one of east-11, east-12, east-13, east-14`,
      ],
      [
        "an existing cluster's API server the VPN does not carry",
        (v: Values) => (v.clusters[1].existing.apiServer = "https://10.0.0.5:443"),
        `${P}clusters[1].existing.apiServer = "https://10.0.0.5:443": is outside 172.16.232.0/24, the range of network nifclan that the VPN carries, so GKE's control plane cannot reach it. Fix: use the API server's address on that network`,
      ],
    ])("%s", (_, edit, message) => {
      expect(problemsOf(edit)).toContain(message);
    });

    it("accepts jp-west-2's own zone, whose name differs from the others", () => {
      expect(problemsOf((v) => Object.assign(v.vpnLinks[0].peer, { region: "jp-west-2", zone: "jp-west-21" }))).toEqual([]);
    });
  });

  describe("values that reach a command line, a name or a label", () => {
    it.each([
      [
        "a command substitution in a kubeconfig context",
        (v: Values) => (v.clusters[1].existing.context = "admin$(id)"),
        `${P}clusters[1].existing.context = "admin$(id)": has characters a kubeconfig context name here may not have (spaces, quotes, $, backticks, ; or line breaks). Fix: use letters, digits and . _ @ : / + = - only, e.g. kubernetes-admin@nifc-anthosbm-cls`,
      ],
      [
        "a command after a GKE machine type",
        (v: Values) => (v.clusters[0].gke.machineType = "e2-standard-4;reboot"),
        `${P}clusters[0].gke.machineType = "e2-standard-4;reboot": is not a Compute Engine machine type name. Fix: use a machine type such as e2-standard-4 or n2-custom-4-8192 (lower-case letters, digits and hyphens)`,
      ],
      [
        "backticks in a GKE machine type",
        (v: Values) => (v.clusters[0].gke.machineType = "`id`"),
        `${P}clusters[0].gke.machineType = "\`id\`": is not a Compute Engine machine type name. Fix: use a machine type such as e2-standard-4 or n2-custom-4-8192 (lower-case letters, digits and hyphens)`,
      ],
      [
        "an adopted LAN name with a command substitution",
        (v: Values) => (v.vpnLinks[0].peer.privateLan.name = "Lan$(id)"),
        `${P}vpnLinks[0].peer.privateLan.name = "Lan$(id)": is not a NIFCLOUD name (ASCII letters and digits). Fix: use the LAN's name exactly as NIFCLOUD shows it, or its networkId`,
      ],
    ])("%s", (_, edit, message) => {
      expect(problemsOf(edit)).toContain(message);
    });

    it("rejects a line break in the provider's answer, on ack-dev and local", () => {
      const message = (key: string) =>
        `${P}${key} = "east\\nINJECTED=1": may hold only letters, digits, dots, underscores and hyphens (1-63), as it becomes an environment value the probe compares. Fix: use a name such as cluster1-jp-for-gke`;
      expect(ack((v) => (v.ackOne.app.providerEnvName = "east\nINJECTED=1"))).toContain(message("ackOne.app.providerEnvName"));
      expect(local((v) => (v.multiClusterServices.app.providerEnvName = "east\nINJECTED=1"))).toContain(message("multiClusterServices.app.providerEnvName"));
    });
  });

  describe("declarations nothing uses, or that collide", () => {
    it("rejects a network no cluster or link uses", () => {
      expect(
        problemsOf((v) => v.networks.push({ name: "spare", cloud: "gcp", nodeCidr: "10.200.0.0/20", podCidr: "10.204.0.0/14", serviceCidr: "10.208.0.0/20" })),
      ).toContain(
        `${P}networks[2].name = "spare": is used by no cluster and no link, so the stack builds nothing for it and checks nothing against it. Fix: remove it, or name it in clusters[].network or in a link's gcpNetwork or peerNetwork`,
      );
    });

    it("rejects two vSwitches in one zone", () => {
      expect(ack((v) => (v.networks[1].zones[1].zoneId = "ap-northeast-1a"))).toContain(
        `${P}networks[1].zones[1].zoneId = "ap-northeast-1a": is also networks[1].zones[0].zoneId: the stack makes one vSwitch per zone, named after the zone. Fix: give each zone one entry`,
      );
    });
  });
});
