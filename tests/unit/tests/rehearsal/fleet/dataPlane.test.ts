import {
  asKubectlExec,
  CurlRequest,
  isResult,
  parseCurl,
  podAnswer,
  readyEndpoints,
  refused,
  resolveFailure,
  serviceOfHost,
  timedOut,
} from "../../../../rehearsal/fleet/dataPlane";

const PROBE = ["curl", "-sS", "--max-time", "5", "http://service1.provider-ns.svc.cluster.local"];

function request(argv: string[] = PROBE): CurlRequest {
  const r = parseCurl(argv);
  if (isResult(r)) throw new Error(r.stderr);
  return r;
}

describe("the curl command line of mcs-probe.sh", () => {
  it("reads the URL, the time limit and -sS", () => {
    const r = request();
    expect(r.url.hostname).toBe("service1.provider-ns.svc.cluster.local");
    expect(r.timeoutMs).toBe(5000);
    expect(r.silent).toBe(false);
    expect(request(["curl", "-s", "service1"]).silent).toBe(true);
  });

  it("answers as curl does without a URL or for another protocol", () => {
    expect(parseCurl(["curl", "-sS"])).toMatchObject({ code: 2 });
    expect(parseCurl(["curl", "https://x"])).toMatchObject({ code: 1 });
  });
});

describe("curl's own failures", () => {
  const r = request();
  it("prints the text and returns the code curl does", () => {
    expect(resolveFailure(r)).toEqual({ stdout: "", stderr: "curl: (6) Could not resolve host: service1.provider-ns.svc.cluster.local\n", code: 6 });
    expect(refused(r)).toEqual({
      stdout: "",
      stderr: "curl: (7) Failed to connect to service1.provider-ns.svc.cluster.local port 80 after 0 ms: Couldn't connect to server\n",
      code: 7,
    });
    expect(timedOut(r)).toEqual({ stdout: "", stderr: "curl: (28) Connection timed out after 5001 milliseconds\n", code: 28 });
    expect(timedOut(request(["curl", "-s", "--max-time", "5", "x"])).stderr).toBe("");
  });

  it("passes a failure on as kubectl exec does", () => {
    expect(asKubectlExec(resolveFailure(r)).stderr).toBe(
      "curl: (6) Could not resolve host: service1.provider-ns.svc.cluster.local\ncommand terminated with exit code 6\n",
    );
    expect(asKubectlExec({ stdout: "ok\n", stderr: "", code: 0 })).toEqual({ stdout: "ok\n", stderr: "", code: 0 });
  });
});

describe("cluster DNS", () => {
  it("resolves the names a pod's search path completes", () => {
    expect(serviceOfHost("service1.provider-ns.svc.cluster.local", "x")).toEqual({ namespace: "provider-ns", name: "service1" });
    expect(serviceOfHost("service1.provider-ns", "x")).toEqual({ namespace: "provider-ns", name: "service1" });
    expect(serviceOfHost("service1", "provider-ns")).toEqual({ namespace: "provider-ns", name: "service1" });
    expect(serviceOfHost("amcs-service1.provider-ns.svc.clusterset.local", "x")).toBeUndefined();
  });
});

describe("kube-proxy's endpoints", () => {
  const slice = (ready: boolean | undefined, portName = "", annotations?: Record<string, string>) => ({
    metadata: { name: "s", annotations },
    ports: [{ name: portName, port: 8080, protocol: "TCP" }],
    endpoints: [{ addresses: ["10.204.0.1"], ...(ready === undefined ? {} : { conditions: { ready } }) }],
  });

  it("keeps ready (or unknown) endpoints of slices whose port has the Service port's name", () => {
    const port = { port: 80, protocol: "TCP" };
    expect(
      readyEndpoints(port, [slice(true, "", { "endpointslice.karmada.io/provision-cluster": "c1" })], "endpointslice.karmada.io/provision-cluster"),
    ).toEqual([{ address: "10.204.0.1", port: 8080, provisionCluster: "c1" }]);
    expect(readyEndpoints(port, [slice(undefined)], "a")).toHaveLength(1);
    expect(readyEndpoints(port, [slice(false)], "a")).toEqual([]);
    expect(readyEndpoints(port, [slice(true, "http")], "a")).toEqual([]);
  });
});

describe("the pod behind the endpoint", () => {
  const pod = (ready: boolean, env?: string) => ({
    metadata: { name: "web-demo-1", namespace: "provider-ns" },
    spec: { containers: [{ name: "web-demo", ports: [{ containerPort: 8080 }], env: env ? [{ name: "ENV_NAME", value: env }] : [] }] },
    status: { conditions: [{ type: "Ready", status: ready ? "True" : "False" }] },
  });
  const r = request();

  it("GIVEN a Ready provider pod listening on the port THEN it answers with its ENV_NAME", () => {
    expect(podAnswer(r, pod(true, "cluster1-jp-for-gke"), 8080, "acs")).toEqual({ stdout: "cluster1-jp-for-gke\n", stderr: "", code: 0 });
  });

  it("GIVEN a pod that is not Ready, or no container on the port THEN the connection is refused", () => {
    expect(podAnswer(r, pod(false, "x"), 8080, "acs").code).toBe(7);
    expect(podAnswer(r, pod(true, "x"), 9090, "acs").code).toBe(7);
  });

  it("GIVEN another app's pod THEN the answer says which pod answered", () => {
    expect(podAnswer(r, pod(true), 8080, "gke").stdout).toBe("(no ENV_NAME: answered by gke pod provider-ns/web-demo-1)\n");
  });
});
