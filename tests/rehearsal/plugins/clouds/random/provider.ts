import * as provider from "@pulumi/pulumi/provider";
import { Decision, ForceNewRules, decide, loadForceNew } from "../shared/diff";
import { StandIn } from "../shared/server";
import { Props, reveal, secret } from "../shared/values";
import { createPassword } from "./password";

const TYPE = "random:index/randomPassword:RandomPassword";

/**
 * random's RandomPassword: the result (secret) made once at create and kept; any change of an
 * input replaces it (forceNew/random.json). Nothing leaves the process, so there is no operation
 * log entry: random is not a cloud.
 */
export class RandomStandIn implements StandIn {
  private readonly rules: ForceNewRules;

  constructor(readonly version: string) {
    const rules = loadForceNew("random").types[TYPE];
    if (!rules) throw new Error(`plugins/forceNew/random.json has no rules for ${TYPE}`);
    this.rules = rules;
  }

  configure(): void {}

  private typeOf(urn: string): string {
    const type = urn.split("::")[2].split("$").pop()!;
    if (type !== TYPE) throw new Error(`the random stand-in does not serve ${type}`);
    return type;
  }

  decide(urn: string, olds: Props, news: Props, oldInputs: Props | undefined): Decision {
    this.typeOf(urn);
    return decide(this.rules, olds, news, oldInputs);
  }

  diff(_id: string, urn: string, olds: Props, news: Props): Promise<provider.DiffResult> {
    return Promise.resolve(this.decide(urn, olds, news, undefined));
  }

  async create(urn: string, inputs: Props): Promise<provider.CreateResult> {
    await Promise.resolve();
    this.typeOf(urn);
    const p: Props = { ...this.rules.defaults, ...(reveal(inputs) as Props) };
    // `number` is the deprecated spelling of `numeric`; either false turns digits off (resource_password.go).
    const numeric = p.numeric !== false && p.number !== false;
    const result = createPassword({
      length: Number(p.length),
      upper: p.upper !== false,
      lower: p.lower !== false,
      numeric,
      special: p.special !== false,
      minUpper: Number(p.minUpper ?? 0),
      minLower: Number(p.minLower ?? 0),
      minNumeric: Number(p.minNumeric ?? 0),
      minSpecial: Number(p.minSpecial ?? 0),
      overrideSpecial: typeof p.overrideSpecial === "string" ? p.overrideSpecial : undefined,
    });
    // resource_password.go: the id is "none"; result is Sensitive.
    return Promise.resolve({ id: "none", outs: { ...this.rules.defaults, ...inputs, numeric, number: numeric, result: secret(result) } });
  }

  read(id: string, _urn: string, props: Props): Promise<provider.ReadResult> {
    return Promise.resolve({ id, props });
  }

  update(_id: string, _urn: string, olds: Props, news: Props): Promise<provider.UpdateResult> {
    // Only keepers that change nothing reach an update; the result stays.
    return Promise.resolve({ outs: { ...olds, ...news, result: olds.result } });
  }
}
