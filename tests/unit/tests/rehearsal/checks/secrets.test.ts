import { secretAtoms, secretValues, secretsInClear } from "../../../../rehearsal/checks/secrets";

const SIG = "4dabf18193072939515e22adb298388d";

describe("secrets in clear", () => {
  const state = {
    deployment: {
      resources: [
        {
          outputs: { stdout: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify("users:\n- user:\n    token: abcdef0123456789abcdef\n") } },
        },
        { outputs: { result: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify("Psk0123456789xyzPsk") } } },
      ],
    },
  };

  it("finds every plaintext secret of a state exported with --show-secrets", () => {
    expect(secretValues(state)).toHaveLength(2);
  });

  it("finds a token printed alone although the secret was a whole kubeconfig", () => {
    const atoms = secretAtoms(secretValues(state));
    expect(secretsInClear(atoms, { "engine output of up": "the agent said token abcdef0123456789abcdef is fine" })).toHaveLength(1);
  });

  it("finds a whole short secret and names the place, not the value", () => {
    const [finding] = secretsInClear(secretAtoms(secretValues(state)), { "script stderr": "psk=Psk0123456789xyzPsk" });
    expect(finding.message).toContain("script stderr");
    expect(finding.message).not.toContain("Psk0123456789xyzPsk");
  });

  it("finds nothing in text that holds no secret", () => {
    expect(secretsInClear(secretAtoms(secretValues(state)), { output: "Resources: 80 created" })).toEqual([]);
  });
});
