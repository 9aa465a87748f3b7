import * as pulumi from "@pulumi/pulumi";
import { IpsecPolicy } from "../../config/types";

/** What the GCP side hands a peer so that it can build its end of the tunnel. */
export interface VpnPeerRequest {
  /** Prefix for the peer's child resources. */
  readonly name: string;
  /** The GCP VPN's static public address (the peer's customer gateway). */
  readonly gcpVpnAddress: pulumi.Output<string>;
  /** The link's pre-shared key (secret). */
  readonly preSharedKey: pulumi.Output<string>;
  readonly crypto: IpsecPolicy;
  /** GCP ranges the peer routes into the tunnel. */
  readonly gcpRanges: readonly string[];
  /** Peer ranges the GCP side routes into the tunnel. */
  readonly peerRanges: readonly string[];
  /** The VpnPair: the peer's resources are its children. */
  readonly parent: pulumi.Resource;
}

/** What a peer gives back: its public address, and the resources the GCP tunnel waits for. */
export interface VpnPeerEndpoint {
  readonly publicIp: pulumi.Output<string>;
  readonly ready: pulumi.Resource[];
}

/** Builds one kind of peer (NIFCLOUD through its CLI, Alibaba through its provider, ...). */
export type VpnPeerFactory = (request: VpnPeerRequest) => VpnPeerEndpoint;
