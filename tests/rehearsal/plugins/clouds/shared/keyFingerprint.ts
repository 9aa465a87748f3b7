import * as crypto from "crypto";

/**
 * The one form in which a stand-in keeps an IPsec pre-shared key: the hex SHA-256 of its UTF-8 bytes,
 * the same in every cloud's state (the gcp and alicloud plug-ins, tests/fakes/nifcloud_api.py), so the
 * rehearsal's data plane compares two ends' keys without any state holding one. Null when there is none.
 */
export function keyFingerprint(key: unknown): string | null {
  if (typeof key !== "string" || key === "") return null;
  return crypto.createHash("sha256").update(key, "utf8").digest("hex");
}
