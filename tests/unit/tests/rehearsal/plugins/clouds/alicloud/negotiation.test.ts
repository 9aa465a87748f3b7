/**
 * What the alicloud plug-in keeps of an IPsec connection for the data plane: each tunnel's negotiation
 * parameters and a SHA-256 of its key, never the key, for dual-tunnel and single-tunnel connections alike.
 */
import * as crypto from "crypto";
import { negotiationShape } from "../../../../../../rehearsal/plugins/clouds/alicloud/negotiation";

const sha = (key: string) => crypto.createHash("sha256").update(key, "utf8").digest("hex");
const ike = { ikeVersion: "ikev2", ikeEncAlg: "aes256", ikeAuthAlg: "sha256", ikePfs: "group14" };

it("keeps each dual tunnel's parameters and the hash of its own key", () => {
  const shape = negotiationShape(
    {
      localSubnets: ["0.0.0.0/0"],
      remoteSubnets: ["0.0.0.0/0"],
      enableTunnelsBgp: true,
      tunnelOptionsSpecifications: [
        { role: "master", customerGatewayId: "cgw-m", tunnelIkeConfig: { ...ike, psk: "m-key" }, tunnelBgpConfig: { localAsn: "65020" } },
        { role: "slave", customerGatewayId: "cgw-s", tunnelIkeConfig: { ...ike, psk: "s-key" } },
      ],
    },
    { tunnelOptionsSpecifications: [{ tunnelId: "tun-1" }, { tunnelId: "tun-2" }] },
  );
  expect(shape).toMatchObject({ local_subnet: ["0.0.0.0/0"], remote_subnet: ["0.0.0.0/0"], enable_tunnels_bgp: true });
  expect(shape.tunnels).toEqual([
    { role: "master", tunnel_id: "tun-1", customer_gateway_id: "cgw-m", ike, ipsec: {}, bgp: { localAsn: "65020" }, psk_sha256: sha("m-key") },
    { role: "slave", tunnel_id: "tun-2", customer_gateway_id: "cgw-s", ike, ipsec: {}, bgp: null, psk_sha256: sha("s-key") },
  ]);
  expect(JSON.stringify(shape)).not.toContain("m-key");
});

it("reads a single-tunnel connection as one master tunnel, BGP from its bgpConfig", () => {
  const shape = negotiationShape(
    { customerGatewayId: "cgw-1", localSubnet: "10.0.0.0/8,172.16.0.0/12", ikeConfig: { ...ike, psk: "k" }, bgpConfig: { enable: true, localAsn: "1" } },
    {},
  );
  expect(shape).toMatchObject({ local_subnet: ["10.0.0.0/8", "172.16.0.0/12"], remote_subnet: [], enable_tunnels_bgp: true });
  expect(shape.tunnels).toEqual([expect.objectContaining({ role: "master", customer_gateway_id: "cgw-1", psk_sha256: sha("k") })]);
});
