/** probe.sh's result: typed, and `up` fails unless both proofs hold. */
import { meshProbeResult } from "../../../../components/verify/meshVerification";
import { scriptPath } from "../../../../lib/scriptCommandLine";

const SCRIPT = scriptPath("mesh/probe.sh");
const proven = {
  answers: { anthos: { v1: 5, v2: 5 }, gke: { v1: 4, v2: 6 } },
  allVersionsEverywhere: true,
  remoteViaGateway: true,
  endpoints: {
    anthos: { viaGateway: ["10.128.0.23:15443"], missingGateways: [], remotePodIps: [] },
    gke: { viaGateway: ["172.16.232.122:15443"], missingGateways: [], remotePodIps: [] },
  },
};

it("types a proven result", () => {
  expect(meshProbeResult(proven, SCRIPT)).toEqual({ probed: true, ...proven });
});

it("fails when a cluster is answered only by its own version", () => {
  const local = { ...proven, answers: { anthos: { v1: 10, v2: 0 }, gke: { v1: 0, v2: 10 } }, allVersionsEverywhere: false };
  expect(() => meshProbeResult(local, SCRIPT)).toThrow(`${SCRIPT}: cross-cluster traffic is not proven (allVersionsEverywhere=false, remoteViaGateway=true)`);
});

it("fails when a sidecar routes to remote pod IPs instead of the gateway", () => {
  const podIps = {
    ...proven,
    remoteViaGateway: false,
    endpoints: { ...proven.endpoints, gke: { viaGateway: [], missingGateways: ["172.16.232.122:15443"], remotePodIps: ["192.168.1.7:5000"] } },
  };
  expect(() => meshProbeResult(podIps, SCRIPT)).toThrow(/remoteViaGateway=false\): .*192\.168\.1\.7:5000/);
});

it("rejects the old counts-only shape and a malformed endpoint check, naming the script", () => {
  expect(() => meshProbeResult({ anthos: { v1: 6, v2: 4 } }, SCRIPT)).toThrow(/printed no answer counts for "anthos"|printed no boolean/);
  expect(() => meshProbeResult({ ...proven, endpoints: { gke: { viaGateway: "x" } } }, SCRIPT)).toThrow(`${SCRIPT} printed no endpoint check for "gke"`);
});
