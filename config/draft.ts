/** The configuration as read, before it is narrowed to one topology's type. */
import { AckOneSpec, AlibabaSpec, ClusterSpec, GcpSpec, MeshSpec, MultiClusterServicesSpec, NetworkSpec, Topology, VerifySpec, VpnLinkSpec } from "./types";

/** A link as read: its networks are names until the topology resolves them. */
export type DraftLink = Omit<VpnLinkSpec, "networks">;

export interface DraftConfig {
  readonly topology: Topology;
  readonly gcp?: GcpSpec;
  readonly alibaba?: AlibabaSpec;
  readonly networks: readonly NetworkSpec[];
  /** Names of every network entry, read or not, so a bad entry causes no "unknown network" follow-ons. */
  readonly networkNames: readonly string[];
  /** Every network entry was read, so a name not among them is truly undeclared. */
  readonly networksComplete: boolean;
  readonly vpnLinks: readonly DraftLink[];
  readonly clusters: readonly ClusterSpec[];
  /** Names of every cluster entry, read or not, so a bad entry causes no "unknown cluster" follow-ons. */
  readonly clusterNames: readonly string[];
  readonly mesh?: MeshSpec;
  readonly verify: VerifySpec;
  readonly ackOne?: AckOneSpec;
  readonly multiClusterServices?: MultiClusterServicesSpec;
}
