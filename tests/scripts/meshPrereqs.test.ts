/**
 * baremetal-prereqs.sh against a kubectl stand-in whose nodes answer like `ip route get` and
 * `nc -z`: the route to GCP must go via the VPN gateway, the ports must answer, and the failure
 * says what to run on which server.
 */
import { ClusterState, FakeMesh } from "../fakes/mesh/fakeMesh";

const VPN_GW = "172.16.232.2";
const LAN_ROUTER = "172.16.232.1";
const GCP = ["10.128.0.0/20", "10.132.0.0/14"];
const TARGETS = ["10.128.0.2:443", "10.128.0.23:15443"];

type Node = NonNullable<ClusterState["nodes"]>[string];
const routed: Node = { ip: "172.16.232.10", default_via: LAN_ROUTER, routes: { "10.128.0.0/12": VPN_GW }, open: TARGETS };

function run(nodes: Record<string, Node>) {
  const mesh = new FakeMesh();
  mesh.addCluster("anthos", { nodes });
  const result = mesh.run("baremetal-prereqs", "create", {
    KUBECONFIG_DATA: mesh.kubeconfig("anthos"),
    PREREQ_GCP_RANGES: GCP.join(" "),
    PREREQ_VPN_GATEWAY_IP: VPN_GW,
    PREREQ_TARGETS: TARGETS.join(" "),
    PREREQ_FIREWALL_GROUP: "FWNIFC",
  });
  return { mesh, result };
}

it("passes when every server routes GCP via the VPN gateway and reaches the ports, checking from each node", () => {
  const { mesh, result } = run({ "bm-cp-1": routed, "bm-worker-1": { ...routed, ip: "172.16.232.11" } });
  expect(result.status).toBe(0);
  const node = { routes: { [GCP[0]]: VPN_GW, [GCP[1]]: VPN_GW }, ports: { [TARGETS[0]]: "open", [TARGETS[1]]: "open" } };
  expect(result.json).toEqual({ nodes: { "bm-cp-1": node, "bm-worker-1": node } });
  const runs = mesh.calls().filter((c) => c.argv[0] === "run");
  expect(runs).toHaveLength(2);
  expect(runs.map((c) => JSON.parse(c.argv.find((a) => a.startsWith("--overrides="))!.slice(12)).spec.nodeName)).toEqual(["bm-cp-1", "bm-worker-1"]);
  expect(runs[0].argv).toEqual(expect.arrayContaining(["--rm", "route:10.128.0.1", "route:10.132.0.1", "port:10.128.0.23:15443"]));
});

it("fails on a server without the route, with the command to run on it", () => {
  const { result } = run({ "bm-cp-1": routed, "bm-worker-1": { ...routed, routes: {}, open: [] } });
  expect(result.status).not.toBe(0);
  expect(result.json.nodes["bm-worker-1"].routes[GCP[0]]).toBe(LAN_ROUTER);
  expect(result.stderr).toContain(
    `node bm-worker-1 routes 10.128.0.0/20 via ${LAN_ROUTER}, not the VPN gateway: on that server run 'ip route add 10.128.0.0/20 via ${VPN_GW}'`,
  );
  expect(result.stderr).not.toContain("node bm-cp-1");
});

it("fails when a port does not answer, naming the firewall group", () => {
  const { result } = run({ "bm-cp-1": { ...routed, open: [TARGETS[0]] } });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain("node bm-cp-1 cannot reach 10.128.0.23:15443");
  expect(result.stderr).toContain("firewall group FWNIFC");
});
