import { stackProblems } from "../../../helpers/stackConfig";

it("needs the plug-in CA when Pulumi applies the manifests", () => {
  expect(stackProblems("local", (v) => (v.mesh.ca = "citadel"))).toEqual([expect.stringMatching(/mesh\.ca = "citadel": must be plugin/)]);
});

it("rejects the plug-in CA with asmcli", () => {
  expect(stackProblems("dev", (v) => (v.mesh.ca = "plugin"))).toEqual([expect.stringMatching(/mesh\.ca = "plugin": is not an asmcli CA/)]);
});
