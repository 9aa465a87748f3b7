import { SECRET_SIG, SIG_KEY, engineOutputs, isSecret, secret } from "../../../../../../rehearsal/plugins/clouds/shared/values";

describe("outputs as the engine keeps a bridged provider's", () => {
  it("makes a list whose input held a secret one secret, with nothing secret inside it", () => {
    const tunnels = [{ role: "master", tunnelIkeConfig: { psk: secret("k1") } }];
    const outs = engineOutputs({ tunnelOptionsSpecifications: [{ ...tunnels[0], internetIp: "47.74.0.1" }] }, { tunnelOptionsSpecifications: tunnels });
    expect(isSecret(outs.tunnelOptionsSpecifications)).toBe(true);
    expect(outs.tunnelOptionsSpecifications).toEqual({
      [SIG_KEY]: SECRET_SIG,
      value: [{ role: "master", tunnelIkeConfig: { psk: "k1" }, internetIp: "47.74.0.1" }],
    });
  });

  it("recurses into an object input and marks only its secret fields", () => {
    const outs = engineOutputs({ config: { psk: secret("k"), mode: "main" } }, { config: { psk: secret("k"), mode: "main" } });
    expect(outs.config).toEqual({ psk: secret("k"), mode: "main" });
  });

  it("keeps what the provider computed: a Sensitive output stays secret, a value without secret input stays plain", () => {
    const outs = engineOutputs({ name: "vpn", kubeConfig: secret("token: t"), state: "active" }, { name: "vpn" });
    expect(outs).toEqual({ name: "vpn", kubeConfig: secret("token: t"), state: "active" });
  });
});
