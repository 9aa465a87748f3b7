import { IpsecPolicy } from "../../config/types";

/** The policy validation gives a link without a `crypto` section: IKEv2, AES-256, SHA-256, DH group 14. */
export const DEFAULT_IPSEC: IpsecPolicy = {
  ikeVersion: 2,
  encryption: "aes256",
  integrity: "sha256",
  dhGroup: 14,
  ikeLifetimeSeconds: 28800,
  espLifetimeSeconds: 3600,
};
