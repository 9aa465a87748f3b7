import { DraftConfig, DraftLink } from "../draft";
import { Problems } from "../problems";

function namesOf(config: DraftConfig, cloud: string): string {
  const names = config.networks.filter((n) => n.cloud === cloud).map((n) => n.name);
  return names.length > 0 ? names.join(", ") : `(none: add a network with cloud: ${cloud})`;
}

/** A link joins a GCP network to a network of its peer's cloud. */
export function checkLinkNetworks(problems: Problems, config: DraftConfig): void {
  config.vpnLinks.forEach((link, i) => {
    const gcpNet = config.networks.find((n) => n.name === link.gcpNetwork);
    const peerNet = config.networks.find((n) => n.name === link.peerNetwork);
    const unread = (name: string) => !config.networksComplete && !config.networks.some((n) => n.name === name);
    if (link.gcpNetwork && !unread(link.gcpNetwork) && gcpNet?.cloud !== "gcp") {
      problems.add(`vpnLinks[${i}].gcpNetwork`, link.gcpNetwork, "does not name a network with cloud: gcp", `use one of ${namesOf(config, "gcp")}`);
    }
    if (link.peerNetwork && !unread(link.peerNetwork) && peerNet?.cloud !== link.peer.kind) {
      problems.add(
        `vpnLinks[${i}].peerNetwork`,
        link.peerNetwork,
        `does not name a network with cloud: ${link.peer.kind}`,
        `use one of ${namesOf(config, link.peer.kind)}`,
      );
    }
  });
}

/** The peer objects a link creates, by their cloud-side name: two links sharing one would delete each other's. */
function ownedPeerObjects(link: DraftLink): [field: string, name: string][] {
  const objects: [string, string][] = [
    ["gcpGatewayName", link.gcpGatewayName],
    ["gcpTunnelName", link.gcpTunnelName],
  ];
  if (link.peer.kind === "nifcloud") {
    const { ownership, privateLan } = link.peer;
    if (ownership.firewallGroup === "own") objects.push(["peer.firewallGroup", link.peer.firewallGroup]);
    if (ownership.vpnGateway === "own") objects.push(["peer.gatewayName", link.peer.gatewayName]);
    if (ownership.customerGateway === "own") objects.push(["peer.customerGatewayName", link.peer.customerGatewayName]);
    if (ownership.privateLan === "own" && privateLan.name) objects.push(["peer.privateLan.name", privateLan.name]);
  } else {
    objects.push(
      ["peer.gatewayName", link.peer.gatewayName],
      ["peer.customerGatewayName", link.peer.customerGatewayName],
      ["peer.connectionName", link.peer.connectionName],
    );
  }
  return objects.filter(([, name]) => name !== "");
}

/** No two links own a cloud object of the same name (one `destroy` would delete the other's). */
export function checkSharedPeerObjects(problems: Problems, links: readonly DraftLink[]): void {
  const seen = new Map<string, string>();
  links.forEach((link, i) =>
    ownedPeerObjects(link).forEach(([field, name]) => {
      const kind = field.startsWith("gcp") ? "gcp" : link.peer.kind;
      const id = `${kind}:${field.replace(/^peer\./, "")}:${name}`;
      const first = seen.get(id);
      if (first) {
        problems.add(
          `vpnLinks[${i}].${field}`,
          name,
          `is also ${first}: both links would own one object and one destroy would delete the other's`,
          "give each link its own names",
        );
      } else seen.set(id, `vpnLinks[${i}].${field}`);
    }),
  );
}
