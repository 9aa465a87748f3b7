import { CloudState } from "../shared/cloud";

/**
 * A fresh external IPv4 address from the block the stand-in hands out (34.104.0.0/16 is one of
 * Google's; which block a real project gets is not ours to know), never the same one twice in a run.
 */
export function allocateAddress(state: CloudState): string {
  const pool = (state.addressPool ??= { next: 0 }) as { next: number };
  const n = pool.next++;
  return `34.104.${Math.floor(n / 250)}.${(n % 250) + 1}`;
}
