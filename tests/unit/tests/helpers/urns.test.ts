/** The URN comparison the program tests rely on: an alias covers an old URN, a missing one does not. */
import { Registration } from "../../../helpers/mocks";
import { answeringUrns, engineUrns, urnOf } from "../../../helpers/urns";

const S = "dev";
const P = "multicloud-mesh";
const mockUrn = (type: string, name: string) => `mock::${type}::${name}`;

const oldParent: Registration = { urn: mockUrn("pkg:a:Old", "peer"), type: "pkg:a:Old", name: "peer", aliases: [] };
const newParent = (aliases: Registration["aliases"]): Registration => ({ urn: mockUrn("pkg:b:New", "peer"), type: "pkg:b:New", name: "peer", aliases });
const child = (parentUrn: string): Registration => ({ urn: mockUrn("gcp:x:Y", "peer-gw"), type: "gcp:x:Y", name: "peer-gw", parentUrn, aliases: [] });

it("builds a grandchild's URN from the whole type chain", () => {
  const grand: Registration = { urn: "g", type: "t:c:C", name: "c", parentUrn: oldParent.urn, aliases: [] };
  const leaf: Registration = { urn: "l", type: "t:l:L", name: "l", parentUrn: "g", aliases: [] };
  expect(engineUrns([oldParent, grand, leaf], S, P).get("l")).toBe(`urn:pulumi:${S}::${P}::pkg:a:Old$t:c:C$t:l:L::l`);
});

it("GIVEN a component whose type changed WHEN it declares the old type as an alias THEN its child's old URN is covered", () => {
  const before = urnOf(S, P, "gcp:x:Y", "peer-gw", urnOf(S, P, "pkg:a:Old", "peer"));
  const parent = newParent([{ type: "pkg:a:Old" }]);
  expect(answeringUrns([parent, child(parent.urn)], S, P).has(before)).toBe(true);
});

it("GIVEN the same change WHEN the alias is dropped THEN the child's old URN is lost", () => {
  const before = urnOf(S, P, "gcp:x:Y", "peer-gw", urnOf(S, P, "pkg:a:Old", "peer"));
  const parent = newParent([]);
  expect(answeringUrns([parent, child(parent.urn)], S, P).has(before)).toBe(false);
});

it("resolves an alias given as {parent, name} against that parent", () => {
  const moved: Registration = { urn: "m", type: "gcp:x:Y", name: "renamed", aliases: [{ name: "peer-gw", parentUrn: oldParent.urn }] };
  expect(answeringUrns([oldParent, moved], S, P).has(urnOf(S, P, "gcp:x:Y", "peer-gw", urnOf(S, P, "pkg:a:Old", "peer")))).toBe(true);
});
