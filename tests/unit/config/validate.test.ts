import { ConfigError } from "../../../config/problems";
import { validateConfig } from "../../../config/validate";
import { DEV_SECRETS, stackProblems, rawConfig, validatedAs } from "../../helpers/stackConfig";
import { DEFAULT_IPSEC } from "../../helpers/ipsec";

type Values = Record<string, any>;

const problemsOf = (edit: (v: Values) => void, secrets = DEV_SECRETS): string[] => stackProblems("dev", edit, secrets);

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
    expect(problems.join("\n")).toMatch(/anthosKubeconfig = "\(plain text, not shown\)": .* must be stored as a secret/);
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
