import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { attachedMembers, kubeconfigServer, liveHubs, pathUp, roleOf } from "../../../../rehearsal/fleet/world";

const state = {
  hubs: {
    h1: { state: "running", members: { acs1: "attached", gke1: "attached", old: "detaching" } },
    h0: { state: "deleting", members: { gone: "attached" } },
  },
  clusters: {
    acs1: { cluster_type: "ManagedKubernetes" },
    gke1: { cluster_type: "ExternalKubernetes" },
    named: { cluster_type: "ManagedKubernetes", rehearsal_role: "acs2" },
  },
};

describe("the fleet's view of the Alibaba state", () => {
  it("serves hubs that are not being deleted, and their attached members by the local cluster that plays them", () => {
    expect(liveHubs(state)).toEqual(["h1"]);
    expect(attachedMembers(state)).toEqual([
      { id: "acs1", role: "acs" },
      { id: "gke1", role: "gke" },
    ]);
  });

  it("takes a stand-in's explicit role over the cluster type", () => {
    expect(roleOf(state, "named")).toBe("acs2");
    expect(roleOf(state, "unknown")).toBeUndefined();
  });
});

describe("network paths", () => {
  it("GIVEN no network.json, or a path absent or false THEN the path is down; a cluster always reaches itself", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-world-"));
    try {
      expect(pathUp(home, "gke", "acs")).toBe(false);
      expect(pathUp(home, "gke", "gke")).toBe(true);
      fs.writeFileSync(path.join(home, "network.json"), JSON.stringify({ paths: { "gke->acs": true, "acs->gke": false } }));
      expect(pathUp(home, "gke", "acs")).toBe(true);
      expect(pathUp(home, "acs", "gke")).toBe(false);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});

describe("the API server a kubeconfig names", () => {
  it("reads a JSON kubeconfig (as the program writes GKE's) by its current context", () => {
    const config = {
      apiVersion: "v1",
      clusters: [
        { name: "other", cluster: { server: "https://127.0.0.1:1" } },
        { name: "gke", cluster: { server: "https://127.0.0.1:36443", "certificate-authority-data": "Q0E=" } },
      ],
      contexts: [{ name: "ctx", context: { cluster: "gke", user: "u" } }],
      "current-context": "ctx",
    };
    expect(kubeconfigServer(JSON.stringify(config))).toBe("https://127.0.0.1:36443");
  });

  it("reads a YAML kubeconfig", () => {
    expect(kubeconfigServer("apiVersion: v1\nclusters:\n- name: hub\n  cluster:\n    server: https://127.0.0.1:46443\n")).toBe("https://127.0.0.1:46443");
  });
});
