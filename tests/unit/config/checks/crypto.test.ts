/** Weak IPsec algorithms: rejected unless waived, and then accepted with a warning. */
import { weakParts } from "../../../../config/checks/crypto";
import { validateWithWarnings } from "../../../../config/validate";
import { ACK_SECRETS, DEV_SECRETS, rawConfig, stackProblems } from "../../../helpers/stackConfig";

type Edit = (v: Record<string, any>) => void;

describe("weak crypto without a waiver is rejected", () => {
  const cases: [string, Edit, string][] = [
    ["dev", (v) => (v.vpnLinks[0].crypto.ikeVersion = 1), "ikeVersion=1"],
    ["dev", (v) => (v.vpnLinks[0].crypto.encryption = "3des"), "encryption=3des"],
    ["dev", (v) => (v.vpnLinks[0].crypto.integrity = "md5"), "integrity=md5"],
    ["ack-dev", (v) => (v.vpnLinks[0].crypto.dhGroup = 2), "dhGroup=2"],
  ];
  it.each(cases)("%s: %s", (stack, edit, weak) => {
    expect(stackProblems(stack, edit)).toEqual([
      expect.stringMatching(new RegExp(`^multicloud-mesh:vpnLinks\\[0\\]\\.crypto = "${weak}": uses weak algorithms.*Fix: .*crypto\\.allowWeak: true`)),
    ]);
  });
});

describe("weak crypto with crypto.allowWeak", () => {
  it("is accepted with a warning that names the weak parts", () => {
    const raw = rawConfig(
      "dev",
      DEV_SECRETS,
      (v: Record<string, any>) => (v.vpnLinks[0].crypto = { ikeVersion: 1, encryption: "aes128", integrity: "sha1", dhGroup: 2, allowWeak: true }),
    );
    const { warnings } = validateWithWarnings(raw);
    expect(warnings).toEqual([
      'multicloud-mesh:vpnLinks[0].crypto = "ikeVersion=1, integrity=sha1, dhGroup=2": weak IPsec algorithms accepted by crypto.allowWeak',
    ]);
  });

  it("gives no warning for the defaults", () => {
    expect(validateWithWarnings(rawConfig("ack-dev", ACK_SECRETS)).warnings).toEqual([]);
  });
});

it("names nothing weak in the defaults", () => {
  expect(weakParts({ ikeVersion: 2, encryption: "aes128", integrity: "sha256", dhGroup: 14, ikeLifetimeSeconds: 28800, espLifetimeSeconds: 3600 })).toEqual([]);
});
