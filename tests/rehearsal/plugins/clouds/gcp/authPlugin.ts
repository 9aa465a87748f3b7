import { worldCluster } from "../shared/world";

/**
 * gke-gcloud-auth-plugin as kubectl and the Kubernetes provider run it from a GKE kubeconfig's
 * exec entry: it prints an ExecCredential (client.authentication.k8s.io/v1beta1) whose token
 * opens the run's local `gke` API server.
 */
const expiration = new Date(Date.now() + 3600 * 1000).toISOString().replace(/\.\d+Z$/, "Z");
process.stdout.write(
  JSON.stringify({
    kind: "ExecCredential",
    apiVersion: "client.authentication.k8s.io/v1beta1",
    spec: { interactive: false },
    status: { expirationTimestamp: expiration, token: worldCluster("gke").token },
  }) + "\n",
);
