/** Adopting an existing private LAN through the real `nifcloud` CLI and the local API stand-in. */
import { FakeNifcloud, hasCommand } from "../helpers/fakeNifcloud";

const api = new FakeNifcloud();
const lan = { LAN_NAME: "ExistingLan", LAN_CIDR: "172.16.232.0/24", LAN_ZONE: "east-11", LAN_CREATE: "true" };

beforeAll(async () => {
  expect(hasCommand("nifcloud")).toBe(true);
  await api.start();
});
afterAll(() => api.stop());

describe("private LAN adoption", () => {
  it("fails clearly when an adopted LAN does not exist", () => {
    const result = api.run("private-lan", "create", { ...lan, LAN_CREATE: "false" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("private LAN ExistingLan does not exist and its ownership is 'adopt'");
  });

  it("adopts an existing LAN and never deletes it", () => {
    expect(api.run("private-lan", "create", lan).status).toBe(0);
    const adopted = api.run("private-lan", "create", { ...lan, LAN_CREATE: "false" });
    expect(adopted.json.NetworkId).toMatch(/^net-/);
    const before = api.actions().length;
    expect(api.run("private-lan", "delete", { ...lan, LAN_CREATE: "false" }).status).toBe(0);
    expect(api.actions().slice(before)).not.toContain("NiftyDeletePrivateLan");
  });

  it("refuses a LAN whose CIDR differs from the config", () => {
    const result = api.run("private-lan", "create", { ...lan, LAN_CIDR: "172.16.233.0/24", LAN_CREATE: "false" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("exists with CIDR 172.16.232.0/24, not 172.16.233.0/24");
  });
});

describe("a LAN adopted by network id", () => {
  it("that does not exist fails with the command that lists the LANs and the key to set", () => {
    const result = api.run("private-lan", "create", { LAN_NETWORK_ID: "net-0a1b2c3d", LAN_OWNERSHIP: "adopt", LAN_CIDR: "172.16.232.0/24" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("private LAN network net-0a1b2c3d does not exist");
    expect(result.stderr).toContain("nifcloud computing nifty-describe-private-lans --query");
    expect(result.stderr).toContain("set vpnLinks[0].peer.privateLan.networkId");
  });
});
