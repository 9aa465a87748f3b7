/** Topology alibaba-gke, through the front door: the committed ack-dev stack and each bad input it must refuse. */
import { ConfigError } from "../../../../config/problems";
import { validateConfig, validateWithWarnings } from "../../../../config/validate";
import { ACK_SECRETS, stackProblems, rawConfig, validatedAs } from "../../../helpers/stackConfig";

type Values = Record<string, any>;

const problemsOf = (edit: (v: Values) => void, secrets = ACK_SECRETS): string[] => stackProblems("ack-dev", edit, secrets);

describe("the ack-dev stack's configuration", () => {
  it("is valid and keeps seed 001's values", () => {
    const config = validatedAs("alibaba-gke", rawConfig("ack-dev", ACK_SECRETS));
    expect(config.topology).toBe("alibaba-gke");
    expect("mesh" in config).toBe(false);
    expect(config.vpnLinks[0]).toMatchObject({ peer: { kind: "alibaba", bandwidth: 10, mode: "ha-bgp" } });
    expect(config.vpnLinks[0].crypto).toMatchObject({ ikeVersion: 2, encryption: "aes256", integrity: "sha256" });
    expect(config.ackOne).toMatchObject({
      distribution: "propagation-policy",
      services: "multi-cluster-service",
      providerAccess: { mode: "hub" },
      hubPrivateEndpoint: true,
      app: {
        namespace: "provider-ns",
        serviceName: "service1",
        deploymentName: "web-demo",
        port: 80,
        targetPort: 8080,
        providerImage: "bwbw723/ack_one_demo_provider:1.0",
      },
    });
    expect(config.exporter).toMatchObject({
      platform: "acs",
      acs: { clusterName: "ackone-provider-acs", endpointPublicAccess: false, deletionProtection: false },
    });
  });

  it("defaults what a new account needs: ACS is named in the file, the tunnels, distribution and services default", () => {
    const config = validatedAs(
      "alibaba-gke",
      rawConfig("ack-dev", ACK_SECRETS, (v: Values) => {
        delete v.vpnLinks[0].peer.mode;
        delete v.ackOne.distribution;
        delete v.ackOne.services;
        delete v.ackOne.providerAccess;
      }),
    );
    expect(config.vpnLinks[0].peer.mode).toBe("ha-bgp");
    expect(config.ackOne).toMatchObject({ distribution: "propagation-policy", services: "multi-cluster-service", providerAccess: { mode: "hub" } });
  });

  it("still reads an existing ASK stack's cluster entry as ASK (no silent switch to ACS)", () => {
    const config = validatedAs(
      "alibaba-gke",
      rawConfig("ack-dev", ACK_SECRETS, (v: Values) => {
        v.clusters[1] = { name: "ask", network: "ack-vpc", platform: "ask", ask: { clusterName: "ackone-provider-ask", deletionProtection: false } };
      }),
    );
    expect(config.exporter).toMatchObject({ name: "ask", platform: "ask", ask: { platform: "ask", clusterName: "ackone-provider-ask" } });
  });

  it("reads an ACK Pro provider from its ackPro block, and direct access over its private endpoint", () => {
    const config = validatedAs(
      "alibaba-gke",
      rawConfig("ack-dev", ACK_SECRETS, (v: Values) => {
        v.clusters[1] = { name: "ack", network: "ack-vpc", platform: "ack-pro", ackPro: { clusterName: "ack-provider" } };
        v.ackOne.providerAccess = { mode: "direct" };
      }),
    );
    expect(config.exporter).toMatchObject({
      platform: "ack-pro",
      ackPro: { clusterName: "ack-provider", endpointPublicAccess: false, deletionProtection: true },
    });
    expect(config.ackOne.providerAccess).toEqual({ mode: "direct" });
  });

  it("keeps a public endpoint of an older stack file with hub access, and warns that it is open", () => {
    const { warnings } = validateWithWarnings(
      rawConfig("ack-dev", ACK_SECRETS, (v: Values) => {
        v.clusters[1].acs.endpointPublicAccess = true;
      }),
    );
    expect(warnings).toEqual([
      expect.stringMatching(/clusters\[1\]\.acs\.endpointPublicAccess = true: opens the provider cluster's API to the whole internet/),
    ]);
  });
});

describe("the checks topology alibaba-gke runs of its own", () => {
  it.each<[string, (v: Values) => void, RegExp]>([
    [
      "Alibaba: a vSwitch zone of another region",
      (v) => (v.networks[1].zones[1].zoneId = "cn-hangzhou-h"),
      /networks\[1\]\.zones\[1\]\.zoneId = "cn-hangzhou-h": is not a zone of region/,
    ],
    [
      "a mesh-only key on a cluster: an east-west address",
      (v) => (v.clusters[1].eastWestAddress = "8.8.8.8"),
      /clusters\[1\]\.eastWestAddress = "8\.8\.8\.8": is not used by topology alibaba-gke \(ACK One multi-cluster services, no Istio mesh\)\. Fix: remove eastWestAddress from the cluster/,
    ],
    [
      "a mesh-only key on a cluster: an Istio network name",
      (v) => (v.clusters[0].meshNetwork = "same"),
      /clusters\[0\]\.meshNetwork = "same": is not used by topology alibaba-gke/,
    ],
    ["GKE: a zone of another region", (v) => (v.clusters[0].gke.location = "us-central1-a"), /clusters\[0\]\.gke\.location = "us-central1-a"/],
  ])("%s", (_what, edit, expected) => {
    expect(problemsOf(edit).join("\n")).toMatch(expected);
  });
});

describe("ackOne.hubVswitch (the hub's own vSwitch, opt-in)", () => {
  it("is absent unless the stack file asks: an existing hub keeps its vSwitches", () => {
    expect(validatedAs("alibaba-gke", rawConfig("ack-dev", ACK_SECRETS)).ackOne.hubVswitch).toBeUndefined();
  });

  it("reads a zone of the region and a range of the VPC apart from the zones'", () => {
    const config = validatedAs(
      "alibaba-gke",
      rawConfig("ack-dev", ACK_SECRETS, (v: Values) => {
        v.ackOne.hubVswitch = { zoneId: "ap-northeast-1a", cidr: "192.168.3.0/24" };
      }),
    );
    expect(config.ackOne.hubVswitch).toEqual({ zoneId: "ap-northeast-1a", cidr: "192.168.3.0/24" });
  });

  it.each([
    [
      "outside the VPC",
      { zoneId: "ap-northeast-1a", cidr: "10.200.0.0/24" },
      /ackOne\.hubVswitch\.cidr = "10\.200\.0\.0\/24": is outside the Alibaba network's nodeCidr 192\.168\.0\.0\/16/,
    ],
    [
      "on a zone's vSwitch",
      { zoneId: "ap-northeast-1a", cidr: "192.168.1.128/25" },
      /ackOne\.hubVswitch\.cidr = "192\.168\.1\.128\/25": overlaps the vSwitch of zone ap-northeast-1a/,
    ],
    [
      "in another region",
      { zoneId: "cn-hangzhou-h", cidr: "192.168.3.0/24" },
      /ackOne\.hubVswitch\.zoneId = "cn-hangzhou-h": is not a zone of region ap-northeast-1/,
    ],
    ["without a range", { zoneId: "ap-northeast-1a" }, /ackOne\.hubVswitch\.cidr/],
  ])("refuses a vSwitch %s, naming the key", (_title, hubVswitch, message) => {
    expect(problemsOf((v) => (v.ackOne.hubVswitch = hubVswitch)).join("\n")).toMatch(message);
  });
});

describe("bad input names the key, the value and the fix", () => {
  const cases: [string, (v: Values) => void, RegExp][] = [
    [
      "an ASK service range overlapping GKE's pods",
      (v) => {
        v.networks[1].serviceCidr = "10.150.0.0/20";
      },
      /networks\[1\]\.serviceCidr = "10\.150\.0\.0\/20": overlaps networks\[0\]\.podCidr 10\.148\.0\.0\/14\. Fix: choose disjoint ranges/,
    ],
    [
      "a VPC overlapping GKE's services",
      (v) => {
        v.networks[1].nodeCidr = "10.152.0.0/16";
        v.networks[1].zones = [{ zoneId: "ap-northeast-1a", cidr: "10.152.128.0/24" }];
      },
      /networks\[1\]\.nodeCidr = "10\.152\.0\.0\/16": overlaps networks\[0\]\.serviceCidr 10\.152\.0\.0\/20/,
    ],
    [
      "a vSwitch outside the VPC",
      (v) => {
        v.networks[1].zones[1].cidr = "192.169.2.0/24";
      },
      /networks\[1\]\.zones\[1\]\.cidr = "192\.169\.2\.0\/24": is outside the network's nodeCidr 192\.168\.0\.0\/16/,
    ],
    [
      "no zones",
      (v) => {
        delete v.networks[1].zones;
      },
      /networks\[1\]\.zones = \(not set\): is required: the VPN gateway and the ASK cluster live in vSwitches.*Fix: list at least one \{zoneId, cidr\}/,
    ],
    [
      "a zone of another region",
      (v) => {
        v.networks[1].zones[0].zoneId = "cn-hangzhou-h";
      },
      /networks\[1\]\.zones\[0\]\.zoneId = "cn-hangzhou-h": is not a zone of region ap-northeast-1\. Fix: use ap-northeast-1 followed by the zone letter/,
    ],
    [
      "a bandwidth Alibaba does not sell",
      (v) => {
        v.vpnLinks[0].peer.bandwidth = 15;
      },
      /vpnLinks\[0\]\.peer\.bandwidth = 15: is not a bandwidth a public Alibaba VPN gateway accepts\. Fix: set one of 10, 100, 200, 500, 1000 Mbit\/s/,
    ],
    ...[5, 20, 50].map((bandwidth): [string, (v: Values) => void, RegExp] => [
      `a bandwidth the old list allowed but CreateVpnGateway rejects (${bandwidth})`,
      (v) => {
        v.vpnLinks[0].peer.bandwidth = bandwidth;
      },
      new RegExp(`vpnLinks\\[0\\]\\.peer\\.bandwidth = ${bandwidth}: is not a bandwidth a public Alibaba VPN gateway accepts`),
    ]),
    [
      "a routing key (the link is dual-tunnel)",
      (v) => {
        v.vpnLinks[0].routing = "policy-based";
      },
      /vpnLinks\[0\]\.routing = "policy-based": is not used: the Alibaba link is dual-tunnel.*Fix: remove routing and choose peer\.mode/,
    ],
    [
      "a single-tunnel GCP gateway name",
      (v) => {
        v.vpnLinks[0].gcpGatewayName = "ack-gke-vpn";
      },
      /vpnLinks\[0\]\.gcpGatewayName = "ack-gke-vpn": is not used: the dual-tunnel link names its GCP gateway.*Fix: remove gcpGatewayName/,
    ],
    [
      "an unknown tunnel mode",
      (v) => {
        v.vpnLinks[0].peer.mode = "single";
      },
      /vpnLinks\[0\]\.peer\.mode = "single": is not supported\. Fix: use one of "ha-bgp", "classic-static"/,
    ],
    [
      "direct access over a public endpoint, which ACK no longer limits by source",
      (v) => {
        v.clusters[1].acs.endpointPublicAccess = true;
        v.ackOne.providerAccess = { mode: "direct" };
      },
      /clusters\[1\]\.acs\.endpointPublicAccess = true: would have Pulumi call an API endpoint open to the whole internet.*Fix: set it to false/,
    ],
    [
      "source ranges the stack cannot apply",
      (v) => {
        v.ackOne.providerAccess = { mode: "direct", publicSourceRanges: ["203.0.113.0/24"] };
      },
      /ackOne\.providerAccess\.publicSourceRanges = \["203\.0\.113\.0\/24"\]: cannot be applied: ACK no longer limits.*Fix: remove it/,
    ],
    [
      "a kubeconfig lifetime ACK does not issue",
      (v) => {
        v.ackOne.providerAccess = { mode: "direct", temporaryDurationMinutes: 5 };
      },
      /ackOne\.providerAccess\.temporaryDurationMinutes = 5: must be a whole number from 15 to 4320/,
    ],
    [
      "a bad service exposure",
      (v) => {
        v.ackOne.services = "dns";
      },
      /ackOne\.services = "dns": is not supported\. Fix: use one of "multi-cluster-service", "service-export-import"/,
    ],
    [
      "a DH group Alibaba lacks",
      (v) => {
        v.vpnLinks[0].crypto.dhGroup = 15;
      },
      /vpnLinks\[0\]\.crypto\.dhGroup = 15: is not supported\. Fix: use one of 2, 5, 14, 24/,
    ],
    [
      "a pod range on Alibaba",
      (v) => {
        v.networks[1].podCidr = "172.22.0.0/16";
      },
      /networks\[1\]\.podCidr = "172\.22\.0\.0\/16": is not used on Alibaba: ASK pods take vSwitch addresses/,
    ],
    [
      "no provider cluster",
      (v) => {
        v.clusters = v.clusters.slice(0, 1);
      },
      /clusters = \["gke"\]: needs exactly one Alibaba provider cluster with platform: acs, ack-pro or ask \(found 0\).*Fix: .*platform: acs/,
    ],
    [
      "a provider cluster on the GCP network",
      (v) => {
        v.clusters[1].network = "gke-ackone";
      },
      /clusters\[1\]\.network = "gke-ackone": is not an Alibaba network/,
    ],
    [
      "a mesh section",
      (v) => {
        v.mesh = { revision: "asm-1" };
      },
      /mesh = "\(set\)": is not used by topology alibaba-gke/,
    ],
    [
      "a bad distribution",
      (v) => {
        v.ackOne.distribution = "argo";
      },
      /ackOne\.distribution = "argo": is not supported\. Fix: use one of "propagation-policy", "kubevela"/,
    ],
    [
      "a bad namespace",
      (v) => {
        v.ackOne.app.namespace = "Provider_NS";
      },
      /ackOne\.app\.namespace = "Provider_NS": does not match.*Fix: use a DNS-1123 label/,
    ],
    [
      "a port out of range",
      (v) => {
        v.ackOne.app.port = 70000;
      },
      /ackOne\.app\.port = 70000: must be a whole number from 1 to 65535/,
    ],
    [
      "a missing region",
      (v) => {
        delete v.alibaba;
      },
      /alibaba = \(not set\): is required by topology alibaba-gke\. Fix: set alibaba\.region/,
    ],
  ];
  it.each(cases)("%s", (_name, edit, expected) => {
    const problems = problemsOf(edit);
    expect(problems.some((p) => expected.test(p))).toBe(true);
  });

  it("asks for the Alibaba keys as secrets and never echoes them", () => {
    const plainKey = problemsOf(() => undefined, {});
    expect(plainKey).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /alibabaAccessKeyId = \(not set\): is an Alibaba Cloud API credential and is missing\. Fix: run: pulumi config set --secret alibabaAccessKeyId/,
        ),
      ]),
    );
    try {
      validateConfig({ ...rawConfig("ack-dev", ACK_SECRETS), secretKeys: new Set(["alibabaAccessKeyId"]) });
      throw new Error("expected a ConfigError");
    } catch (e) {
      const text = (e as ConfigError).problems.join("\n");
      expect(text).toMatch(
        /alibabaAccessKeySecret = \[secret\]: is set in plain text, but it is an Alibaba Cloud API credential and must be a secret\. Fix: set it with --secret/,
      );
      expect(text).not.toContain(ACK_SECRETS.alibabaAccessKeySecret);
    }
  });
});
