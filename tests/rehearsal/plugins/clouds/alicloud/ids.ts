import * as crypto from "crypto";
import { randomSuffix } from "../shared/values";

/** Resource ids as Alibaba hands them out: a product prefix and a random suffix (vpc-..., vsw-..., vpn-...). */
export function aliyunId(prefix: string): string {
  return `${prefix}-${randomSuffix(prefix === "sg" ? 20 : 22)}`;
}

/** ACK and ACK One cluster ids: `c` and 32 hex digits (cs CreateCluster, adcp CreateHubCluster responses). */
export function clusterId(): string {
  return `c${crypto.randomBytes(16).toString("hex")}`;
}

/** A public address from Alibaba's 47.74.0.0/16 for the stand-in's gateways, never the same twice in a run. */
export function allocateAddress(state: Record<string, unknown>): string {
  const pool = (state.address_pool ??= { next: 0 }) as { next: number };
  const n = pool.next++;
  return `47.74.${Math.floor(n / 250)}.${(n % 250) + 1}`;
}
