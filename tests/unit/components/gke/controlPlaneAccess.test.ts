import { NODE_ROLES, controlPlaneAccess } from "../../../../components/gke/controlPlaneAccess";

describe("controlPlaneAccess", () => {
  it("GIVEN no named range THEN the public endpoint is off, authorized networks on with no range and no Google Cloud address", () => {
    expect(controlPlaneAccess([])).toEqual({
      privateClusterConfig: { enablePrivateEndpoint: true },
      masterAuthorizedNetworksConfig: { cidrBlocks: [], gcpPublicCidrsAccessEnabled: false },
    });
  });
  it("GIVEN named ranges THEN the public endpoint is on for those ranges only", () => {
    expect(controlPlaneAccess([{ name: "ci-runner", cidr: "8.8.4.0/24" }])).toEqual({
      privateClusterConfig: { enablePrivateEndpoint: false },
      masterAuthorizedNetworksConfig: { cidrBlocks: [{ displayName: "ci-runner", cidrBlock: "8.8.4.0/24" }], gcpPublicCidrsAccessEnabled: false },
    });
  });
  it("sets neither ForceNew field of private_cluster_config, so an existing cluster is updated, never replaced", () => {
    for (const access of [controlPlaneAccess([]), controlPlaneAccess([{ name: "a", cidr: "8.8.4.0/24" }])]) {
      expect(Object.keys(access.privateClusterConfig)).toEqual(["enablePrivateEndpoint"]);
    }
  });
});

describe("NODE_ROLES", () => {
  it("grants the nodes logs, metrics and image pulls only, no broad role", () => {
    expect(NODE_ROLES).toHaveLength(5);
    NODE_ROLES.forEach((role) => expect(role).not.toMatch(/^roles\/(owner|editor|viewer)$|admin/i));
  });
});
