import { LearnedRoute, evaluateNetwork } from "../../../dataplane/dataplane";
import { readState } from "../../../lib/stateLock";
import { CloudState } from "../shared/cloud";
import { CloudError } from "../shared/operation";
import { Props, str } from "../shared/values";
import { rehearsalHome } from "../shared/world";
import { asId, regionalId, scope, selfLink } from "./names";

/** One of a Cloud Router's best routes with every field terraform-provider-google's data source sets (empty when unset). */
function bestRoute(route: LearnedRoute, network: string, project: string): Props {
  const empty = ["creationTimestamp", "description", "name", "nextHopGateway", "nextHopHub", "nextHopIlb", "nextHopInstance"];
  const more = ["nextHopInstanceZone", "nextHopInterRegionCost", "nextHopMed", "nextHopNetwork", "nextHopOrigin", "nextHopPeering"];
  return {
    ...Object.fromEntries([...empty, ...more, "nextHopVpnTunnel", "routeStatus", "selfLink", "deletionPolicy"].map((k) => [k, ""])),
    destRange: route.destRange,
    network,
    nextHopIp: route.nextHopIp,
    priority: 0,
    project,
    routeType: route.routeType,
    asPaths: route.asPaths,
    params: [],
    tags: [],
    warnings: [],
  };
}

/**
 * gcp.compute.getRouterStatus (terraform-provider-google data_source_google_compute_router_status.go): the
 * router's best routes, which Compute Engine's routers.getRouterStatus answers with the routes the router
 * learned over its BGP sessions (compute/v1 routers getRouterStatus: result.bestRoutes,
 * result.bestRoutesForRouter). Here they come from the rehearsal's data plane, which finds the sessions that are
 * established and what the Alibaba side advertises over them (tests/rehearsal/dataplane/bgp.py). A router that
 * does not exist answers the API's 404.
 */
export function routerStatus(config: Readonly<Record<string, string | undefined>>, stateFile: string, args: Props): Props {
  const name = str(args.name);
  if (!name) throw new Error("getRouterStatus: name is required");
  const { project, region } = scope(config, args);
  const id = regionalId(project, region, "routers", name);
  const router = readState<CloudState>(stateFile, () => ({})).routers as Record<string, { outputs: Props; deleting?: boolean }> | undefined;
  const found = router?.[id];
  if (!found || found.deleting)
    throw new CloudError("notFound", `Error reading router status: googleapi: Error 404: The resource '${id}' was not found, notFound`);
  const network = selfLink(asId(str(found.outputs.network) ?? ""));
  const learned = evaluateNetwork(rehearsalHome(), { nifcloud: false }).clouds.gcp.routers[id]?.bestRoutes ?? [];
  const routes = learned.map((r) => bestRoute(r, network, project));
  return { id, name, project, region, network, bestRoutes: routes, bestRoutesForRouters: routes };
}
