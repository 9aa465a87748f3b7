/**
 * `ack-dev` with `ackOne.hubVswitch`: the hub gets a vSwitch of its own, whose delete waits for
 * what the hub left in it (scripts/alibaba/vswitch-release.sh between the hub and the vSwitch) and
 * retries for 30 minutes. Opt-in: without the key the hub keeps the zones' vSwitches (ackDev.test.ts),
 * so an existing hub is not replaced.
 */
import { plain } from "../helpers/mocks";
import { ProgramRun } from "../helpers/programRun";

const run = new ProgramRun("ack-dev", (v) => {
  v.ackOne.hubVswitch = { zoneId: "ap-northeast-1a", cidr: "192.168.3.0/24" };
});
const SWITCH = "alicloud:vpc/switch:Switch";
const COMMAND = "command:local:Command";
const registration = (type: string, name: string) => run.registrations.find((r) => r.type === type && r.name === name)!;

beforeAll(() => run.start());

it("creates the hub's own vSwitch in the VPC, apart from the zones', with a 30-minute delete", () => {
  expect(plain(run.one(SWITCH, "ack-vpc-hub").inputs)).toMatchObject({
    vswitchName: "ack-vpc-hub",
    vpcId: "ack-vpc-vpc-id",
    zoneId: "ap-northeast-1a",
    cidrBlock: "192.168.3.0/24",
  });
  expect(registration(SWITCH, "ack-vpc-hub").customTimeouts?.delete).toBe("30m");
  expect(
    run
      .ofType(SWITCH)
      .map((s) => s.name)
      .sort(),
  ).toEqual(["ack-vpc-ap-northeast-1a", "ack-vpc-ap-northeast-1b", "ack-vpc-hub"]);
});

it("puts the hub in that vSwitch alone", () => {
  expect(plain(run.one("alicloud:ackone/cluster:Cluster", "ackone-hub").inputs).network).toEqual({ vpcId: "ack-vpc-vpc-id", vswitches: ["ack-vpc-hub-id"] });
});

it("deletes the hub, then waits until what it left in its vSwitch is released, then deletes the vSwitch", () => {
  const [guard] = run.commandFor("alibaba/vswitch-release.sh");
  expect(guard).toBeDefined();
  expect(run.env(guard)).toMatchObject({ VSWITCH_IDS: "ack-vpc-hub-id", ALIBABA_CLOUD_REGION_ID: "ap-northeast-1" });
  const guardUrn = registration(COMMAND, guard.name).urn;
  expect(registration("alicloud:ackone/cluster:Cluster", "ackone-hub").dependencies).toContain(guardUrn);
  expect(registration(COMMAND, guard.name).dependencies).toContain(registration(SWITCH, "ack-vpc-hub").urn);
});
