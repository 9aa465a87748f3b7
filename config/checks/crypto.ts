import { DraftLink } from "../draft";
import { Problems } from "../problems";
import { IpsecPolicy } from "../types";

/** The parts of a policy below the defaults' strength, as `key=value`. */
export function weakParts(crypto: IpsecPolicy): string[] {
  const weak: string[] = [];
  if (crypto.ikeVersion === 1) weak.push("ikeVersion=1");
  if (crypto.encryption === "3des") weak.push("encryption=3des");
  if (crypto.integrity === "sha1" || crypto.integrity === "md5") weak.push(`integrity=${crypto.integrity}`);
  if (crypto.dhGroup < 14) weak.push(`dhGroup=${crypto.dhGroup}`);
  return weak;
}

/** Weak algorithms only with `crypto.allowWeak: true`, and then with a warning. */
export function checkWeakCrypto(problems: Problems, links: readonly DraftLink[]): void {
  links.forEach((link, i) => {
    const weak = weakParts(link.crypto);
    if (weak.length === 0) return;
    const key = `vpnLinks[${i}].crypto`;
    if (link.crypto.allowWeak) problems.warn(key, weak.join(", "), "weak IPsec algorithms accepted by crypto.allowWeak");
    else
      problems.add(
        key,
        weak.join(", "),
        "uses weak algorithms (IKEv1, 3des, sha1/md5 or a DH group below 14)",
        "use the defaults (IKEv2, aes256, sha256, DH 14), or set crypto.allowWeak: true for a peer that cannot do better",
      );
  });
}
