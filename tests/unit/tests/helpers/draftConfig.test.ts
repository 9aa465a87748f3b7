/** The draft builder's default is a valid configuration: a check that reports on it tests the builder, not the case. */
import { checkApiServerReach, checkClusterNetworks, checkDistinctAccess, checkEastWestAddresses, checkMeshNetworks } from "../../../../config/checks/clusters";
import { checkWeakCrypto } from "../../../../config/checks/crypto";
import { checkGkeCapacity, checkGkeLocations } from "../../../../config/checks/gke";
import { checkLinkNetworks, checkSharedPeerObjects } from "../../../../config/checks/links";
import { checkGatewayAddress, checkNifcloudCoveringBlock } from "../../../../config/checks/nifcloud";
import { checkAdoptedNamespaces, checkAsmRelease, checkGkeMeshNetwork, checkGkeVersion, checkMeshCa } from "../../../../config/checks/mesh";
import { checkUniqueNames, checkVerifyClusters } from "../../../../config/checks/names";
import { checkNamespaces } from "../../../../config/checks/namespaces";
import { checkRangeSpaces, checkRanges } from "../../../../config/checks/ranges";
import { DraftConfig } from "../../../../config/draft";
import { Problems } from "../../../../config/problems";
import { checked, draftConfig } from "../../../helpers/draftConfig";

const CHECKS: [string, (problems: Problems, config: DraftConfig) => void][] = [
  ["checkClusterNetworks", checkClusterNetworks],
  ["checkEastWestAddresses", checkEastWestAddresses],
  ["checkMeshNetworks", checkMeshNetworks],
  ["checkDistinctAccess", checkDistinctAccess],
  ["checkApiServerReach", checkApiServerReach],
  ["checkWeakCrypto", (p, c) => checkWeakCrypto(p, c.vpnLinks)],
  ["checkGkeLocations", checkGkeLocations],
  ["checkGkeCapacity", checkGkeCapacity],
  ["checkLinkNetworks", checkLinkNetworks],
  ["checkGatewayAddress", checkGatewayAddress],
  ["checkNifcloudCoveringBlock", checkNifcloudCoveringBlock],
  ["checkSharedPeerObjects", (p, c) => checkSharedPeerObjects(p, c.vpnLinks)],
  ["checkMeshCa", checkMeshCa],
  ["checkAsmRelease", checkAsmRelease],
  ["checkGkeMeshNetwork", checkGkeMeshNetwork],
  ["checkGkeVersion", checkGkeVersion],
  ["checkAdoptedNamespaces", checkAdoptedNamespaces],
  ["checkUniqueNames", checkUniqueNames],
  ["checkVerifyClusters", checkVerifyClusters],
  ["checkNamespaces", checkNamespaces],
  ["checkRanges", (p, c) => checkRanges(p, c.networks)],
  ["checkRangeSpaces", (p, c) => checkRangeSpaces(p, c.networks)],
];

it.each(CHECKS)("%s finds nothing wrong with the default draft", (_name, check) => {
  expect(checked(check, draftConfig())).toEqual({ problems: [], warnings: [] });
});
