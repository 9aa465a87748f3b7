import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { GkeCluster } from "../../components/gke/gkeCluster";
import { Mesh } from "../../components/mesh/mesh";
import { MeshCluster } from "../../components/mesh/meshCluster";
import { GcpNetwork } from "../../components/network/gcpNetwork";
import { secretOutput } from "../../config/load";
import { routedRanges } from "../../config/ranges";
import { GcpNetworkSpec, NifcloudGkeConfig } from "../../config/types";
import { meshId } from "../../lib/naming";
import { GCP_APIS } from "../shared/gcpApis";
import { gcpSetup } from "../shared/gcpSetup";
import { vpnLink } from "../shared/vpnLink";
import { apiServerPort, existingMeshCluster } from "../shared/existingCluster";
import { nifcloudVpnPeer } from "../../components/vpn/nifcloudVpnPeer";
import { BaremetalPrereqs } from "../../components/mesh/baremetalPrereqs";

/** Seed 000: GKE and an Anthos-on-bare-metal cluster on NIFCLOUD, one ASM mesh over Cloud VPN. */
export function nifcloudGke(config: NifcloudGkeConfig) {
  const { gcp: gcpSpec, mesh: meshSpec } = config;
  const onGcpSide = gcpSetup(gcpSpec, GCP_APIS);
  const { apis, onGcp } = onGcpSide;
  const project = gcp.organizations.getProjectOutput({ projectId: gcpSpec.project }, { provider: onGcpSide.provider });
  const fleetMeshId = project.number.apply(meshId);

  const peersOf = (gcpNet: GcpNetworkSpec) => config.vpnLinks.filter((l) => l.gcpNetwork === gcpNet.name).map((l) => l.networks.peer);
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
          },
          onGcp,
        ),
      ]),
  );

  const credentials = {
    accessKeyId: secretOutput(config.nifcloudCredentials.accessKeyId),
    secretAccessKey: secretOutput(config.nifcloudCredentials.secretAccessKey),
  };
  const links = config.vpnLinks.map((link, i) => {
    const peerNet = link.networks.peer;
    const apiPorts = config.clusters.flatMap((c) => (c.platform === "existing" && c.network === peerNet.name ? [apiServerPort(c.existing.apiServer)] : []));
    return vpnLink(link, gcpNetworks[link.gcpNetwork].network.id, onGcpSide, (l) =>
      nifcloudVpnPeer({ spec: l.peer, network: peerNet, credentials, apiServerPort: apiPorts[0] ?? 443, configKey: `vpnLinks[${i}].peer` }),
    );
  });

  const gkeClusters: Record<string, GkeCluster> = {};
  const clusters: MeshCluster[] = config.clusters.map((spec) => {
    if (spec.platform === "gke") {
      const net = gcpNetworks[spec.network];
      const gke = new GkeCluster(
        spec.name,
        {
          spec: spec.gke,
          project: gcpSpec.project,
          meshId: fleetMeshId,
          network: net.network.id,
          subnet: net.subnet.id,
          podRangeName: net.podRangeName,
          serviceRangeName: net.serviceRangeName,
        },
        onGcp,
      );
      gkeClusters[spec.name] = gke;
      return {
        name: spec.name,
        meshNetwork: spec.meshNetwork,
        provider: gke.provider,
        kubeconfig: gke.kubeconfig,
        apiServer: gke.apiServer,
        asmTarget: { kind: "gke", project: gcpSpec.project, location: spec.gke.location, clusterName: spec.gke.clusterName },
        exposure: { kind: "gcp-internal" },
        // asmcli registers nothing itself here: the cluster must already be a fleet member.
        installAfter: gke.membership ? [gke.membership] : [],
      };
    }
    const metal = existingMeshCluster(spec);
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
              },
              { dependsOn: [links[i]] },
            ),
          ]
        : [],
    );
    return { ...metal, installAfter: prereqs };
  });

  const mesh = new Mesh("mesh", {
    clusters,
    mesh: meshSpec,
    verify: config.verify,
    controlPlane: { kind: "asmcli", fleetProject: gcpSpec.project, waitFor: [...links, ...apis] },
  });

  return {
    meshId: fleetMeshId,
    gcpVpnAddresses: Object.fromEntries(config.vpnLinks.map((l, i) => [l.name, links[i].gcpAddress])),
    peerVpnAddresses: Object.fromEntries(config.vpnLinks.map((l, i) => [l.name, links[i].peerAddress])),
    gkeKubeconfigs: pulumi.secret(Object.fromEntries(Object.entries(gkeClusters).map(([n, c]) => [n, c.kubeconfig]))),
    verification: mesh.answers,
  };
}
