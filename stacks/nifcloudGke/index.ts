import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { fleetMeshFeature } from "../../components/gke/fleetMeshFeature";
import { GkeCluster } from "../../components/gke/gkeCluster";
import { Mesh } from "../../components/mesh/mesh";
import { MeshCluster } from "../../components/mesh/meshCluster";
import { asmGkeClusterId, plannedObjects } from "../../components/mesh/plannedObjects";
import { MeshPreflight } from "../../components/mesh/preflight";
import { GcpNetwork } from "../../components/network/gcpNetwork";
import { secretOutput } from "../../config/load";
import { CSM_PLATFORMS, gkeVersionFor } from "../../config/meshRelease";
import { gkeEgressRanges, routedRanges } from "../../config/ranges";
import { ExistingClusterSpec, GcpNetworkSpec, NifcloudGkeConfig } from "../../config/types";
import { gkeNodeTag, meshId } from "../../lib/naming";
import { GCP_APIS } from "../shared/gcpApis";
import { gcpSetup } from "../shared/gcpSetup";
import { apiServerPort, existingMeshCluster } from "../shared/existingCluster";
import { NifcloudGcpVpn } from "../../components/vpn/nifcloudGcpVpn";
import { BaremetalPrereqs } from "../../components/mesh/baremetalPrereqs";

/** GKE and an Anthos-on-bare-metal cluster on NIFCLOUD, one ASM mesh over Cloud VPN. */
export function nifcloudGke(config: NifcloudGkeConfig) {
  const { gcp: gcpSpec, mesh: meshSpec } = config;
  // The mark on every control plane this stack installs (scripts/mesh/lib.sh revision_owner).
  const owner = `${pulumi.getProject()}/${pulumi.getStack()}`;
  const gkeSpecs = config.clusters.flatMap((c) => (c.platform === "gke" ? [c] : []));

  // First, and only reading: each existing cluster is checked before anything is built. Every
  // other resource waits for it, through the GCP provider, the existing clusters' providers and
  // the NIFCLOUD credentials.
  const preflights = config.clusters.flatMap((spec, i) => (spec.platform === "existing" ? [preflight(spec, i)] : []));
  function preflight(spec: ExistingClusterSpec, index: number): MeshPreflight {
    return new MeshPreflight(`${spec.name}-preflight`, {
      cluster: spec.name,
      configKey: `clusters[${index}]`,
      kubeconfig: secretOutput(spec.existing.kubeconfig),
      line: meshSpec.asmcliVersion,
      kubernetes: CSM_PLATFORMS[meshSpec.asmcliVersion]?.bareMetal,
      fleetProject: gcpSpec.project,
      objects: plannedObjects({
        cluster: spec.name,
        meshNetwork: spec.meshNetwork,
        mesh: meshSpec,
        verify: config.verify,
        adoptNamespaces: spec.existing.adoptNamespaces,
        remoteClusterIds: gkeSpecs.map((g) => asmGkeClusterId(gcpSpec.project, g.gke.location, g.gke.clusterName)),
      }),
      revision: meshSpec.revision,
      owner,
      adoptExistingRevision: meshSpec.adoptExistingRevision,
    });
  }
  const afterPreflights = (value: pulumi.Input<string>): pulumi.Output<string> => preflights.reduce((v, p) => p.gate(v), pulumi.output(value));

  const onGcpSide = gcpSetup(gcpSpec, GCP_APIS, { dependsOn: preflights });
  const { apis, onGcp } = onGcpSide;
  const project = gcp.organizations.getProjectOutput({ projectId: gcpSpec.project }, { provider: onGcpSide.provider });
  const fleetMeshId = project.number.apply(meshId);
  // asmcli's --enable_gcp_components finds the feature there and leaves it to the stack.
  const meshFeature =
    meshSpec.fleetFeature === "own" ? [fleetMeshFeature("mesh-fleet-feature", gcpSpec.project, { provider: onGcpSide.provider, dependsOn: apis })] : [];

  const peersOf = (gcpNet: GcpNetworkSpec) => config.vpnLinks.filter((l) => l.gcpNetwork === gcpNet.name).map((l) => l.networks.peer);
  // The mesh ports open only on the nodes of the GKE clusters on the network.
  const nodeTagsOn = (gcpNet: GcpNetworkSpec) => gkeSpecs.filter((g) => g.network === gcpNet.name).map((g) => gkeNodeTag(g.gke.clusterName));
  const gcpNetworks = Object.fromEntries(
    config.networks
      .filter((n): n is GcpNetworkSpec => n.cloud === "gcp")
      .map((n) => [
        n.name,
        new GcpNetwork(
          n.name,
          {
            name: n.name,
            region: gcpSpec.region,
            nodeCidr: n.nodeCidr,
            podCidr: n.podCidr,
            serviceCidr: n.serviceCidr,
            peerRanges: peersOf(n).flatMap(routedRanges),
            meshTargetTags: nodeTagsOn(n),
          },
          onGcp,
        ),
      ]),
  );

  // The NIFCLOUD scripts receive the keys only once the preflight has passed, so no VPN object is made before.
  const credentials = {
    accessKeyId: afterPreflights(secretOutput(config.nifcloudCredentials.accessKeyId)),
    secretAccessKey: afterPreflights(secretOutput(config.nifcloudCredentials.secretAccessKey)),
  };
  const links = config.vpnLinks.map((link, i) => {
    const peerNet = link.networks.peer;
    const apiPorts = config.clusters.flatMap((c) => (c.platform === "existing" && c.network === peerNet.name ? [apiServerPort(c.existing.apiServer)] : []));
    return new NifcloudGcpVpn(
      link.name,
      {
        gatewayName: link.gcpGatewayName,
        tunnelName: link.gcpTunnelName,
        region: gcpSpec.region,
        network: gcpNetworks[link.gcpNetwork].network.id,
        crypto: link.crypto,
        routing: link.routing,
        gcpRanges: routedRanges(link.networks.gcp),
        nifcloudRanges: routedRanges(peerNet),
        nifcloud: {
          spec: link.peer,
          network: peerNet,
          credentials,
          apiServerPort: apiPorts[0] ?? 443,
          gkeEgressRanges: gkeEgressRanges(link.networks.gcp, peerNet.nodeCidr),
          configKey: `vpnLinks[${i}].peer`,
        },
      },
      onGcp,
    );
  });

  const gkeClusters: Record<string, GkeCluster> = {};
  for (const spec of gkeSpecs) {
    const net = gcpNetworks[spec.network];
    gkeClusters[spec.name] = new GkeCluster(
      spec.name,
      {
        spec: spec.gke,
        project: gcpSpec.project,
        meshId: fleetMeshId,
        network: net.network.id,
        subnet: net.subnet.id,
        podRangeName: net.podRangeName,
        serviceRangeName: net.serviceRangeName,
        // Validation guarantees a version for the line (config/checks/mesh.ts checkGkeVersion).
        version: gkeVersionFor(spec.gke.version, meshSpec.asmcliVersion),
        // `up` runs on the servers' LAN: a private control plane is reached over the VPN.
        reachableAfter: links,
      },
      onGcp,
    );
  }
  // The bare-metal istiod reads the GKE API server on its private endpoint over the VPN (its
  // remote secret): every server must reach it.
  const gkeApiTargets = Object.values(gkeClusters).map((g) => pulumi.interpolate`${g.privateEndpoint}:443`);

  const clusters: MeshCluster[] = config.clusters.map((spec) => {
    if (spec.platform === "gke") {
      const gke = gkeClusters[spec.name];
      return {
        name: spec.name,
        meshNetwork: spec.meshNetwork,
        provider: gke.provider,
        kubeconfig: gke.kubeconfig,
        apiServer: gke.privateApiServer,
        asmTarget: { kind: "gke", project: gcpSpec.project, location: spec.gke.location, clusterName: spec.gke.clusterName },
        exposure: { kind: "gcp-internal" },
        // asmcli registers nothing itself here: the cluster must already be a fleet member.
        after: gke.membership ? [gke.membership] : [],
      };
    }
    const base = existingMeshCluster(spec, { dependsOn: preflights });
    // Every script on the cluster (install, gateway, canary, probe) gets its kubeconfig only after the preflight.
    const metal = { ...base, kubeconfig: afterPreflights(base.kubeconfig) };
    // The servers on the far side of a link must route GCP's ranges into the VPN before the install.
    const prereqs = config.vpnLinks.flatMap((link, i) =>
      link.peerNetwork === spec.network
        ? [
            new BaremetalPrereqs(
              `${spec.name}-prereqs-${link.name}`,
              {
                kubeconfig: metal.kubeconfig,
                gcpRanges: routedRanges(link.networks.gcp),
                vpnGatewayIp: link.peer.gatewayPrivateIp,
                serverFirewallGroup: link.peer.serverFirewallGroup,
                targets: gkeApiTargets,
              },
              { dependsOn: [links[i]] },
            ),
          ]
        : [],
    );
    return { ...metal, after: prereqs };
  });

  const mesh = new Mesh("mesh", {
    clusters,
    mesh: meshSpec,
    verify: config.verify,
    controlPlane: { kind: "asmcli", fleetProject: gcpSpec.project, owner, after: [...links, ...apis, ...meshFeature] },
  });

  return {
    meshId: fleetMeshId,
    gcpVpnAddresses: Object.fromEntries(config.vpnLinks.map((l, i) => [l.name, links[i].gcpAddress])),
    peerVpnAddresses: Object.fromEntries(config.vpnLinks.map((l, i) => [l.name, links[i].nifcloudAddress])),
    gkeKubeconfigs: pulumi.secret(Object.fromEntries(Object.entries(gkeClusters).map(([n, c]) => [n, c.kubeconfig]))),
    verification: mesh.answers,
  };
}
