/**
 * The root and intermediate CAs as resources of Pulumi's Node.js dynamic provider: generated once
 * on create, kept (keys as secrets) in the stack's state, replaced only when their inputs change.
 * No TLS provider plug-in is needed, so this also works where only npm is reachable.
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { createIntermediateCa, createRootCa } from "../../lib/pki";

interface RootInputs {
  organization: string;
  validityDays: number;
}

interface IntermediateInputs extends RootInputs {
  clusterName: string;
  rootCertPem: string;
  rootKeyPem: string;
}

const fingerprint = (pem: string) => createHash("sha256").update(pem).digest("hex").slice(0, 32);

/** Any change of what a certificate says means a new certificate. */
function replaceOnChange(keys: readonly string[]) {
  return (_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> => {
    const replaces = keys.filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
    return Promise.resolve({ changes: replaces.length > 0, replaces, deleteBeforeReplace: false });
  };
}

const rootProvider: pulumi.dynamic.ResourceProvider = {
  create(inputs: RootInputs) {
    const ca = createRootCa(inputs.organization, inputs.validityDays);
    return Promise.resolve({ id: fingerprint(ca.certPem), outs: { ...inputs, certPem: ca.certPem, keyPem: ca.keyPem } });
  },
  diff: replaceOnChange(["organization", "validityDays"]),
};

const intermediateProvider: pulumi.dynamic.ResourceProvider = {
  create(inputs: IntermediateInputs) {
    const ca = createIntermediateCa({ certPem: inputs.rootCertPem, keyPem: inputs.rootKeyPem }, inputs.clusterName, inputs.organization, inputs.validityDays);
    return Promise.resolve({ id: fingerprint(ca.certPem), outs: { ...inputs, certPem: ca.certPem, keyPem: ca.keyPem, chainPem: ca.chainPem } });
  },
  diff: replaceOnChange(["organization", "validityDays", "clusterName", "rootCertPem"]),
};

export interface RootCaArgs {
  /** Organization on the certificates. */
  readonly organization: pulumi.Input<string>;
  /** Certificate validity in days. */
  readonly validityDays: pulumi.Input<number>;
}

export class RootCa extends pulumi.dynamic.Resource {
  declare readonly certPem: pulumi.Output<string>;
  declare readonly keyPem: pulumi.Output<string>;

  constructor(name: string, args: RootCaArgs, opts?: pulumi.CustomResourceOptions) {
    super(rootProvider, name, { ...args, certPem: undefined, keyPem: undefined }, { ...opts, additionalSecretOutputs: ["keyPem"] }, "mesh", "RootCa");
  }
}

export interface IntermediateCaArgs extends RootCaArgs {
  readonly clusterName: pulumi.Input<string>;
  readonly root: RootCa;
}

export class IntermediateCa extends pulumi.dynamic.Resource {
  declare readonly certPem: pulumi.Output<string>;
  declare readonly keyPem: pulumi.Output<string>;
  declare readonly chainPem: pulumi.Output<string>;

  constructor(name: string, args: IntermediateCaArgs, opts?: pulumi.CustomResourceOptions) {
    const { root, ...rest } = args;
    super(
      intermediateProvider,
      name,
      { ...rest, rootCertPem: root.certPem, rootKeyPem: root.keyPem, certPem: undefined, keyPem: undefined, chainPem: undefined },
      { ...opts, additionalSecretOutputs: ["keyPem", "rootKeyPem"] },
      "mesh",
      "IntermediateCa",
    );
  }
}
