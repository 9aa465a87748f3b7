import { RandomStandIn } from "../../../../../../rehearsal/plugins/clouds/random/provider";
import { isSecret } from "../../../../../../rehearsal/plugins/clouds/shared/values";

const URN = "urn:pulumi:dev::multicloud-mesh::multicloud-mesh:vpn:NifcloudGcpVpn$random:index/randomPassword:RandomPassword::psk";
const random = new RandomStandIn("4.21.2+rehearsal");

it("returns the result as a secret with the defaults filled in, and keeps it through an update", async () => {
  const made = await random.create(URN, { length: 16, special: false });
  expect(made.id).toBe("none");
  expect(isSecret(made.outs.result)).toBe(true);
  expect(made.outs).toMatchObject({ upper: true, lower: true, numeric: true, minUpper: 0 });
  const updated = await random.update("none", URN, made.outs, { length: 16, special: false, keepers: { a: null } });
  expect(updated.outs?.result).toEqual(made.outs.result);
});

it("refuses a type it does not serve", async () => {
  await expect(random.create("urn:pulumi:dev::p::random:index/randomString:RandomString::s", { length: 4 })).rejects.toThrow("does not serve");
});
