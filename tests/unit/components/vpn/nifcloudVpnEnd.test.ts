/** firewall-group.sh's result, and the environment of the NIFCLOUD steps. */
import * as pulumi from "@pulumi/pulumi";
import { NifcloudVpnEnd, firewallResult } from "../../../../components/vpn/nifcloudVpnEnd";
import { Problems, Reader } from "../../../../config/problems";
import { readNifcloudPeer } from "../../../../config/read/link";
import { scriptPath } from "../../../../lib/scriptCommandLine";
import { fakeCloudState } from "../../../helpers/fakeClouds";
import { DEFAULT_IPSEC } from "../../../helpers/ipsec";
import { plain, recordResources, settle } from "../../../helpers/mocks";

const SCRIPT = scriptPath("nifcloud/firewall-group.sh");

it("types the group, its ownership and the added rule keys", () => {
  expect(firewallResult({ GroupName: "FWNIFC", Ownership: "adopt", AddedRules: ["IN|UDP|500|500|34.120.0.10/32"] }, SCRIPT)).toEqual({
    GroupName: "FWNIFC",
    Ownership: "adopt",
    AddedRules: ["IN|UDP|500|500|34.120.0.10/32"],
  });
});

it("rejects the old shape without ownership or added rules, naming the script", () => {
  expect(() => firewallResult({ GroupName: "FWNIFC" }, SCRIPT)).toThrow(`${SCRIPT} printed no "Ownership"`);
  expect(() => firewallResult({ GroupName: "FWNIFC", Ownership: "own", AddedRules: "all" }, SCRIPT)).toThrow(`${SCRIPT} printed no "AddedRules" list`);
});

describe("the owner mark the NIFCLOUD steps write", () => {
  const PEER = {
    kind: "nifcloud",
    region: "jp-east-1",
    zone: "east-11",
    firewallGroup: "FWNIFC",
    privateLan: { networkId: "net-0a1b2c3d" },
    ownership: { privateLan: "adopt" },
    gatewayName: "NifcAnthosVpn",
    gatewayPrivateIp: "172.16.232.2",
    customerGatewayName: "VPNCGW",
  };
  const NETWORK = { name: "nifclan", cloud: "nifcloud", nodeCidr: "172.16.232.0/24", podCidr: "192.168.0.0/16", serviceCidr: "10.96.0.0/20" } as const;

  /** NIFCLOUD_OWNER_MARK of every NIFCLOUD step of one peer, in stack `stack`. */
  async function marks(stack: string, peer: Record<string, unknown> = PEER): Promise<string[]> {
    const { recorded } = await recordResources("multicloud-mesh", stack, fakeCloudState);
    const problems = new Problems();
    const spec = readNifcloudPeer(new Reader(problems, "vpnLinks[0].peer", peer));
    expect(problems.list).toEqual([]);
    new NifcloudVpnEnd("nifc-anthos-peer", {
      spec,
      network: NETWORK,
      credentials: { accessKeyId: pulumi.secret("id"), secretAccessKey: pulumi.secret("key") },
      apiServerPort: 443,
      gkeEgressRanges: ["10.132.0.0/14"],
      gcpAddress: "198.51.100.7",
      preSharedKey: pulumi.secret("psk"),
      crypto: DEFAULT_IPSEC,
      gcpRanges: ["10.128.0.0/20"],
    });
    await settle(recorded);
    return recorded.filter((r) => r.type === "command:local:Command").map((r) => plain(r.inputs.environment).NIFCLOUD_OWNER_MARK);
  }

  it("names the project and the stack, so two stacks on one account never take each other's objects", async () => {
    const dev = await marks("dev");
    const prod = await marks("prod");
    expect(dev).toHaveLength(5);
    expect(new Set(dev)).toEqual(new Set(["multicloud-mesh/dev"]));
    expect(new Set(prod)).toEqual(new Set(["multicloud-mesh/prod"]));
  });

  it("fits NIFCLOUD's 40-character description for any stack name, still one mark per stack", async () => {
    const long = "team-platform-staging-tokyo-blue-2027";
    const [mark] = await marks(long);
    const [other] = await marks(`${long}x`);
    expect(mark.length).toBeLessThanOrEqual(40);
    expect(other.length).toBeLessThanOrEqual(40);
    expect(mark).toMatch(/^multicloud-mesh\//);
    expect(mark).not.toBe(other);
  });

  it("takes ownerMark from the configuration when it is set", async () => {
    expect(new Set(await marks("dev", { ...PEER, ownerMark: "multicloud-mesh" }))).toEqual(new Set(["multicloud-mesh"]));
  });
});
