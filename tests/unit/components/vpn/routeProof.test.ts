/** What GCP's half of the route proof is handed: Cloud Router's best routes, reduced and in a stable order. */
import { learnedRoutes } from "../../../../components/vpn/routeProof";

const route = (destRange: string, nextHopIp: string) => ({ destRange, nextHopIp, priority: 100, creationTimestamp: "2026-12-01T00:00:00Z" }) as any;

it("keeps the destination and next hop of each route, sorted, so one state always gives one value", () => {
  const a = learnedRoutes({ bestRoutes: [route("192.168.2.0/24", "169.254.11.2"), route("192.168.1.0/24", "169.254.10.2")] });
  const b = learnedRoutes({ bestRoutes: [route("192.168.1.0/24", "169.254.10.2"), route("192.168.2.0/24", "169.254.11.2")] });
  expect(a).toBe(b);
  expect(JSON.parse(a)).toEqual([
    { destRange: "192.168.1.0/24", nextHopIp: "169.254.10.2" },
    { destRange: "192.168.2.0/24", nextHopIp: "169.254.11.2" },
  ]);
});

it("is an empty list when the router learned nothing or the answer has no routes", () => {
  expect(learnedRoutes({ bestRoutes: [] })).toBe("[]");
  expect(learnedRoutes(undefined)).toBe("[]");
});
