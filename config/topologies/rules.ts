/** What each topology adds to the shared reading and checks: its sections, its credentials, its own checks. */
import { checkDistinctAccess, checkEastWestAddresses, checkMeshNetworks } from "../checks/clusters";
import { checkGkeCapacity, checkGkeLocations } from "../checks/gke";
import { checkAdoptedNamespaces, checkAsmRelease, checkGkeMeshNetwork, checkGkeVersion, checkMeshCa } from "../checks/mesh";
import { DraftConfig } from "../draft";
import { Problems } from "../problems";
import { RawConfig } from "../rawConfig";
import { StackConfig } from "../types";

/** A check of the draft configuration: it reports each problem it finds and returns nothing. */
export type Check = (problems: Problems, config: DraftConfig) => void;

/** One topology's part of validation; `config/validate.ts` holds one for each topology. */
export interface TopologyRules<C extends StackConfig = StackConfig> {
  /** The optional top-level sections this topology reads; another topology's section is an error. */
  readonly sections: readonly string[];
  /** Top-level keys holding this topology's cloud credentials: known keys whose values are never shown. */
  readonly credentialKeys: readonly string[];
  /**
   * Runs this topology's own checks and narrows the draft to its configuration; undefined when
   * something it requires is missing (each such problem is reported).
   */
  validate(problems: Problems, draft: DraftConfig, raw: RawConfig): C | undefined;
}

/** The checks of a GKE cluster, in every topology that creates one. */
export const GKE_CHECKS: readonly Check[] = [checkGkeLocations, checkGkeCapacity];

/** The checks of a multi-cluster Istio mesh, in every topology that installs one. */
export const MESH_CHECKS: readonly Check[] = [
  checkEastWestAddresses,
  checkMeshNetworks,
  checkDistinctAccess,
  checkMeshCa,
  checkAsmRelease,
  checkGkeMeshNetwork,
  checkGkeVersion,
  checkAdoptedNamespaces,
];
