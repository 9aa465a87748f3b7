import { gkeEgressRanges, routedRanges } from "../../../config/ranges";
import { GcpNetworkSpec } from "../../../config/types";

const GCP: GcpNetworkSpec = { name: "anthos-hybrid", cloud: "gcp", nodeCidr: "10.128.0.0/20", podCidr: "10.132.0.0/14", serviceCidr: "10.136.0.0/20" };

describe("routedRanges", () => {
  it("routes a GKE network's nodes, pods and services", () => {
    expect(routedRanges(GCP)).toEqual(["10.128.0.0/20", "10.132.0.0/14", "10.136.0.0/20"]);
  });
});

describe("gkeEgressRanges", () => {
  it("GIVEN a private peer LAN THEN GKE's pods connect from their own addresses (GKE masquerades none of them there)", () => {
    expect(gkeEgressRanges(GCP, "172.16.232.0/24")).toEqual(["10.132.0.0/14"]);
    expect(gkeEgressRanges(GCP, "100.64.10.0/24")).toEqual(["10.132.0.0/14"]);
  });
  it("GIVEN a peer on public addresses of its own THEN they connect from the node addresses GKE puts in their place", () => {
    expect(gkeEgressRanges(GCP, "203.0.0.0/24")).toEqual(["10.128.0.0/20"]);
  });
  it("never names the service range: no packet leaves from a ClusterIP", () => {
    expect(gkeEgressRanges(GCP, "172.16.232.0/24")).not.toContain(GCP.serviceCidr);
  });
});
