import * as crypto from "crypto";
import { Ctx, Kind, Stored, collection } from "../shared/cloud";
import { CloudError } from "../shared/operation";
import { Props, str } from "../shared/values";
import { ALL } from "./kinds";
import { scope } from "./names";

/** A service account's e-mail: `<account id>@<project>.iam.gserviceaccount.com` (IAM API, serviceAccounts.create). */
const SA_EMAIL = /^([a-z][-a-z0-9]*)@([a-z][-a-z0-9]*)\.iam\.gserviceaccount\.com$/;

/**
 * The id of the service account an e-mail names, or "" for any other principal (a Google-managed
 * account, a user): `projects/<project>/serviceAccounts/<email>`, the account's `name`
 * (resource_google_service_account.go: d.SetId(sa.Name)).
 */
export function serviceAccountId(email: string | undefined): string {
  const match = SA_EMAIL.exec(email ?? "");
  return match ? `projects/${match[2]}/serviceAccounts/${email}` : "";
}

function live(ctx: Ctx, id: string): boolean {
  return ALL.some((k) => {
    const o = collection<Stored>(ctx.state, k.collection)[id];
    return o !== undefined && !o.deleting;
  });
}

/**
 * A Google service account (`gcp:serviceaccount/account:Account`): its `email`, `member` and
 * `name` as terraform-provider-google-beta sets them (resource_google_service_account.go
 * resourceGoogleServiceAccountRead: email, unique_id, name, member "serviceAccount:<email>"); an
 * account id that exists in the project is refused as IAM refuses it (HTTP 409, "Service account
 * <id> already exists within project projects/<project>."). Its delete is not refused while a
 * role binding or a node pool names it: IAM deletes a bound account (the bindings then name a
 * deleted principal).
 */
export const serviceAccount: Kind = {
  type: "gcp:serviceaccount/account:Account",
  collection: "serviceAccounts",
  name: (inputs) => str(inputs.accountId),
  id: (ctx, inputs) => {
    const { project } = scope(ctx.config, inputs);
    return `projects/${project}/serviceAccounts/${str(inputs.accountId)}@${project}.iam.gserviceaccount.com`;
  },
  refs: () => [],
  admit(ctx, inputs, id, existing) {
    const found = collection<Stored>(ctx.state, "serviceAccounts")[id];
    if (!existing && found && !found.deleting)
      throw new CloudError(
        "alreadyExists",
        `Error creating service account: googleapi: Error 409: Service account ${str(inputs.accountId)} already exists within project projects/${scope(ctx.config, inputs).project}., alreadyExists`,
      );
  },
  computed: (_ctx, _inputs, id, previous) => {
    const email = id.split("/").pop()!;
    return {
      email,
      member: `serviceAccount:${email}`,
      name: id,
      uniqueId:
        str(previous?.uniqueId) ??
        BigInt(`0x${crypto.randomBytes(8).toString("hex")}`)
          .toString()
          .padStart(21, "1"),
    };
  },
};

/**
 * One member of a project role (`gcp:projects/iAMMember:IAMMember`), id `<project>/<role>/<member>`
 * (tpgiamresource/resource_iam_member.go resourceIamMemberCreate: updater.GetResourceId() + "/" +
 * role + "/" + member; the project's updater names the project id). Granting a binding that exists
 * is no error (the provider adds the member to the policy it read). A service account member must
 * exist: IAM refuses a policy naming an unknown one (HTTP 400).
 */
export const iamMember: Kind = {
  type: "gcp:projects/iAMMember:IAMMember",
  collection: "iamMembers",
  name: () => undefined,
  id: (ctx, inputs) => `${scope(ctx.config, inputs).project}/${str(inputs.role)}/${str(inputs.member)}`,
  refs: (_ctx, inputs) => [serviceAccountId(str(inputs.member)?.replace(/^serviceAccount:/, ""))].filter((r) => r !== ""),
  admit(ctx, inputs) {
    for (const ref of iamMember.refs(ctx, inputs))
      if (!live(ctx, ref))
        throw new CloudError(
          "badRequest",
          `Error applying IAM policy for project "${scope(ctx.config, inputs).project}": googleapi: Error 400: Service account ${ref.split("/").pop()} does not exist., badRequest`,
        );
  },
  computed: () => ({ etag: `BwY${crypto.randomBytes(6).toString("base64url")}` }),
};

/** The service account a node pool's nodes run as, when it is one of the project's (not "default"). */
export function nodePoolAccount(inputs: Props): string {
  return serviceAccountId(str((inputs.nodeConfig as Props | undefined)?.serviceAccount));
}
