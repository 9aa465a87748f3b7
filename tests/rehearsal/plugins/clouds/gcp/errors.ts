import { CloudError } from "../shared/operation";

/**
 * Compute Engine's refusals as terraform-provider-google surfaces them ("googleapi: Error <status>:
 * <message>, <reason>"), with the reasons and messages of Compute Engine's error catalog
 * (docs.cloud.google.com/compute/docs/reference/rest/v1/errors) as real runs print them, e.g.
 * kubernetes/kops#13855 ("The network resource '...' is already being used by '...'") and
 * ContainerSolutions/terraform-mesos#53 ("Error 409: The resource '...' already exists, alreadyExists").
 */
export function alreadyExists(what: string, id: string): CloudError {
  return new CloudError("alreadyExists", `Error creating ${what}: googleapi: Error 409: The resource '${id}' already exists, alreadyExists`);
}

export function notFound(what: string, id: string): CloudError {
  return new CloudError("notFound", `Error creating ${what}: googleapi: Error 404: The resource '${id}' was not found, notFound`);
}

export function inUse(what: string, word: string, id: string, by: string): CloudError {
  return new CloudError(
    "resourceInUseByAnotherResource",
    `Error waiting for Deleting ${what}: googleapi: Error 400: The ${word} resource '${id}' is already being used by '${by}', resourceInUseByAnotherResource`,
  );
}
