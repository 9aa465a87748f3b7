/**
 * gcp.compute.getRouterStatus as the gcp plug-in answers it: a Cloud Router's best routes are what it learned
 * over its established BGP sessions, computed by the rehearsal's data plane from what the Alibaba gateway
 * advertises (the vSwitch CIDRs, only with automatic route advertisement on).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ackDevWorld, AckDevWorld, VSWITCH_CIDRS } from "../../../../../../rehearsal/dataplane/testWorlds";
import { GcpStandIn } from "../../../../../../rehearsal/plugins/clouds/gcp/provider";

const home = fs.mkdtempSync(path.join(os.tmpdir(), "gcp-router-status-"));
const gcp = new GcpStandIn("9.37.0+rehearsal");
const TOKEN = "gcp:compute/getRouterStatus:getRouterStatus";
let world: AckDevWorld;

beforeAll(async () => {
  process.env.REHEARSAL_HOME = home;
  process.env.REHEARSAL_TIME_SCALE = "1000000000";
  delete process.env.FAKE_ALIYUN_STATE;
  world = await ackDevWorld(home);
  gcp.configure({ project: "example-mesh-project", region: world.region }, {});
}, 60000);
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

it("answers the routes learned from both BGP peers, in the data source's shape", async () => {
  const { outputs } = await gcp.invoke(TOKEN, { name: world.routerName });
  expect(outputs?.id).toBe(`projects/example-mesh-project/regions/${world.region}/routers/${world.routerName}`);
  const routes = outputs?.bestRoutes as Record<string, unknown>[];
  expect(routes.map((r) => [r.destRange, r.nextHopIp, r.routeType])).toEqual(
    VSWITCH_CIDRS.flatMap((c) => [
      [c, "169.254.10.2", "BGP"],
      [c, "169.254.11.2", "BGP"],
    ]),
  );
  expect(routes[0]).toMatchObject({ network: expect.stringMatching(/global\/networks\/gke-ackone$/), asPaths: [{ asLists: [65020] }], tags: [] });
  expect(outputs?.bestRoutesForRouters).toEqual(routes);
});

it("answers no route while the Alibaba gateway advertises nothing", async () => {
  const file = path.join(home, "clouds/alibaba/state.json");
  const state = JSON.parse(fs.readFileSync(file, "utf8"));
  state.vpn_gateways[world.alibabaGatewayId].auto_propagate = false;
  fs.writeFileSync(file, JSON.stringify(state));
  const { outputs } = await gcp.invoke(TOKEN, { name: world.routerName });
  expect(outputs?.bestRoutes).toEqual([]);
});

it("fails as the API does for a router that does not exist", async () => {
  await expect(gcp.invoke(TOKEN, { name: "no-such-router" })).rejects.toThrow("Error 404");
});
