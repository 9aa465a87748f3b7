/** Weak IPsec algorithms: rejected unless waived, and then accepted with a warning. */
import { checkWeakCrypto, weakParts } from "../../../../config/checks/crypto";
import { validateWithWarnings } from "../../../../config/validate";
import { checked, draftConfig, link } from "../../../helpers/draftConfig";
import { DEFAULT_IPSEC } from "../../../helpers/ipsec";
import { ACK_SECRETS, DEV_SECRETS, rawConfig, stackProblems } from "../../../helpers/stackConfig";

describe("weakParts", () => {
  it("names every part below the defaults' strength, as key=value", () => {
    expect(weakParts({ ...DEFAULT_IPSEC, ikeVersion: 1, encryption: "3des", integrity: "md5", dhGroup: 5 })).toEqual([
      "ikeVersion=1",
      "encryption=3des",
      "integrity=md5",
      "dhGroup=5",
    ]);
  });
  it("names nothing in the defaults", () => {
    expect(weakParts(DEFAULT_IPSEC)).toEqual([]);
  });
});

describe("checkWeakCrypto", () => {
  const run = (crypto: typeof DEFAULT_IPSEC) => {
    const config = draftConfig({ vpnLinks: [link(), link({ name: "second", crypto })] });
    return checked((problems, c) => checkWeakCrypto(problems, c.vpnLinks), config);
  };
  it("accepts the defaults without a warning", () => {
    expect(run(DEFAULT_IPSEC)).toEqual({ problems: [], warnings: [] });
  });
  it("rejects a weak policy, naming the link and the weak parts", () => {
    expect(run({ ...DEFAULT_IPSEC, integrity: "sha1" })).toEqual({
      problems: [
        'multicloud-mesh:vpnLinks[1].crypto = "integrity=sha1": uses weak algorithms (IKEv1, 3des, sha1/md5 or a DH group below 14). Fix: use the defaults (IKEv2, aes256, sha256, DH 14), or set crypto.allowWeak: true for a peer that cannot do better',
      ],
      warnings: [],
    });
  });
  it("accepts a weak policy that crypto.allowWeak waives, with a warning", () => {
    expect(run({ ...DEFAULT_IPSEC, dhGroup: 2, allowWeak: true })).toEqual({
      problems: [],
      warnings: ['multicloud-mesh:vpnLinks[1].crypto = "dhGroup=2": weak IPsec algorithms accepted by crypto.allowWeak'],
    });
  });
});

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

it("names nothing weak in AES-128 with the other defaults", () => {
  expect(weakParts({ ikeVersion: 2, encryption: "aes128", integrity: "sha256", dhGroup: 14, ikeLifetimeSeconds: 28800, espLifetimeSeconds: 3600 })).toEqual([]);
});
