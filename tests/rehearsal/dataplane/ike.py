"""What each end of an IPsec tunnel proposes, in one vocabulary, and whether two ends agree.

IKE negotiation (RFC 7296): the initiator offers proposals, the responder accepts one transform of each type
(encryption, integrity, PRF, Diffie-Hellman group) that its own policy allows, or answers NO_PROPOSAL_CHOSEN
(sections 2.7 and 3.3); the same holds for the Child SA, whose Diffie-Hellman transform is the PFS group or
none (section 1.3.1). Either end may initiate, so a tunnel comes up only when, for every transform type, the two
ends' sets share a value. A peer of another major IKE version is refused (section 3.1, INVALID_MAJOR_VERSION).
Lifetimes are not negotiated in IKEv2 (section 2.8): they never fail a tunnel here.

Each cloud's vocabulary, and what it proposes:
  - Cloud VPN (cloud.google.com/network-connectivity/docs/vpn/concepts/supported-ike-ciphers, the tunnel's
    cipherSuite in compute/v1 vpnTunnels): with a cipher suite exactly its phase 1 and phase 2 lists, else every
    supported cipher; the Diffie-Hellman groups are those of the IKEv2 order on
    cloud.google.com/network-connectivity/docs/vpn/deprecations/cipher-changes (group 22 dropped).
  - NIFCLOUD (NiftyIpsecConfiguration of CreateVpnConnection, nifcloud-sdk-python computing/3.0
    service-2.json: EncryptionAlgorithm AES128 | AES256 | 3DES, HashAlgorithm SHA1 | MD5 | SHA256 | SHA384 |
    SHA512, InternetKeyExchange IKEv1 | IKEv2, DiffieHellmanGroup): exactly the configured values.
  - Alibaba (vpc/CreateVpnConnection.json IkeConfig / IpsecConfig, the same per tunnel in
    TunnelOptionsSpecification: IkeEncAlg aes | aes192 | aes256 | des | 3des, IkeAuthAlg md5 | sha1 | sha256 |
    sha384 | sha512, IkePfs group1 | group2 | group5 | group14, IpsecPfs disabled | group1 | ...): exactly the
    configured values.
"""

ENCRYPTION_TYPES = ("encryption", "integrity", "prf", "dh")
CHILD_TYPES = ("encryption", "integrity", "pfs")
NO_PFS = "none"

# Cloud VPN names (the strings gcpCipherSuite in components/vpn/ipsec.ts renders, and the docs' tables).
GCP_ENCRYPTION = {"AES-CBC-128": "aes128-cbc", "AES-CBC-192": "aes192-cbc", "AES-CBC-256": "aes256-cbc", "3DES-CBC": "3des-cbc",
                  "AES-GCM-16-128": "aes128-gcm16", "AES-GCM-16-192": "aes192-gcm16", "AES-GCM-16-256": "aes256-gcm16"}
GCP_INTEGRITY = {"HMAC-MD5-96": "md5", "HMAC-SHA1-96": "sha1", "HMAC-SHA2-256-128": "sha256", "HMAC-SHA2-384-192": "sha384",
                 "HMAC-SHA2-512-256": "sha512"}
GCP_PRF = {"PRF-HMAC-MD5": "md5", "PRF-HMAC-SHA1": "sha1", "PRF-HMAC-SHA2-256": "sha256", "PRF-HMAC-SHA2-384": "sha384",
           "PRF-HMAC-SHA2-512": "sha512", "PRF-AES-128-XCBC": "aes128-xcbc", "PRF-AES-128-CMAC": "aes128-cmac"}
GCP_DH_GROUPS = [31, 19, 20, 21, 15, 16, 17, 18, 14, 23, 24, 5, 2]
# Every cipher Cloud VPN accepts when the tunnel names no suite. For IKEv1 the same CBC ciphers are taken
# (tests/rehearsal/README.md, Assumptions): the stored documentation excerpts do not list IKEv1's table.
GCP_DEFAULTS = {
    2: {"encryption": set(GCP_ENCRYPTION.values()), "integrity": set(GCP_INTEGRITY.values()), "prf": set(GCP_PRF.values()),
        "dh": set(GCP_DH_GROUPS), "child": {"encryption": set(GCP_ENCRYPTION.values()), "integrity": set(GCP_INTEGRITY.values()),
                                            "pfs": set(GCP_DH_GROUPS) | {NO_PFS}}},
    1: {"encryption": {"aes128-cbc", "aes192-cbc", "aes256-cbc", "3des-cbc"}, "integrity": set(GCP_INTEGRITY.values()),
        "prf": {"md5", "sha1", "sha256", "sha384", "sha512"}, "dh": set(GCP_DH_GROUPS),
        "child": {"encryption": {"aes128-cbc", "aes192-cbc", "aes256-cbc", "3des-cbc"}, "integrity": set(GCP_INTEGRITY.values()),
                  "pfs": set(GCP_DH_GROUPS) | {NO_PFS}}},
}

NIFCLOUD_ENCRYPTION = {"AES128": "aes128-cbc", "AES256": "aes256-cbc", "3DES": "3des-cbc"}
ALIBABA_ENCRYPTION = {"aes": "aes128-cbc", "aes192": "aes192-cbc", "aes256": "aes256-cbc", "des": "des-cbc", "3des": "3des-cbc"}


def _group(value):
    """A Diffie-Hellman group from "Group-14", "group14", 14 or "14"; None when absent or unreadable."""
    if value is None:
        return None
    text = str(value).lower().replace("group-", "").replace("group", "")
    return int(text) if text.isdigit() else None


def proposal(version, encryption, integrity, prf, dh, child_encryption, child_integrity, pfs):
    return {"version": version, "encryption": set(encryption), "integrity": set(integrity), "prf": set(prf), "dh": set(dh),
            "child": {"encryption": set(child_encryption), "integrity": set(child_integrity), "pfs": set(pfs)}}


def gcp_proposal(tunnel):
    """A Cloud VPN tunnel's outputs (ikeVersion, cipherSuite) as the sets it proposes and accepts."""
    version = int(tunnel.get("ikeVersion") or 2)
    suite = tunnel.get("cipherSuite") or {}
    defaults = GCP_DEFAULTS.get(version, GCP_DEFAULTS[2])
    one, two = suite.get("phase1") or {}, suite.get("phase2") or {}
    pick = lambda values, table, fallback: {table.get(v, v) for v in values} if values else set(fallback)  # noqa: E731
    return proposal(
        version,
        pick(one.get("encryptions"), GCP_ENCRYPTION, defaults["encryption"]),
        pick(one.get("integrities"), GCP_INTEGRITY, defaults["integrity"]),
        pick(one.get("prves"), GCP_PRF, defaults["prf"]),
        {_group(g) for g in one.get("dhs")} if one.get("dhs") else defaults["dh"],
        pick(two.get("encryptions"), GCP_ENCRYPTION, defaults["child"]["encryption"]),
        pick(two.get("integrities"), GCP_INTEGRITY, defaults["child"]["integrity"]),
        {_group(g) for g in two.get("pfs")} if two.get("pfs") else defaults["child"]["pfs"],
    )


def nifcloud_proposal(ipsec):
    """A NIFCLOUD connection's NiftyIpsecConfiguration. The API stores the request's HashAlgorithm and describes it
    as HashingAlgorithm; both are read. One Diffie-Hellman group serves IKE and PFS, and the PRF follows the hash
    (tests/rehearsal/README.md, Assumptions)."""
    version = 2 if str(ipsec.get("InternetKeyExchange", "IKEv1")).upper() == "IKEV2" else 1
    encryption = NIFCLOUD_ENCRYPTION.get(str(ipsec.get("EncryptionAlgorithm", "AES128")).upper(), "unknown")
    digest = str(ipsec.get("HashAlgorithm") or ipsec.get("HashingAlgorithm") or "SHA1").lower()
    group = _group(ipsec.get("DiffieHellmanGroup", 2))
    return proposal(version, [encryption], [digest], [digest], [group], [encryption], [digest], [group])


def alibaba_proposal(ike, ipsec):
    """An Alibaba tunnel's ike and ipsec configuration (the provider's ikeConfig/ipsecConfig or a tunnel's
    tunnelIkeConfig/tunnelIpsecConfig). The PRF follows the authentication algorithm (Assumptions)."""
    version = 2 if str(ike.get("ikeVersion", "ikev1")).lower() == "ikev2" else 1
    encryption = ALIBABA_ENCRYPTION.get(str(ike.get("ikeEncAlg", "aes")).lower(), "unknown")
    digest = str(ike.get("ikeAuthAlg", "md5")).lower()
    child_encryption = ALIBABA_ENCRYPTION.get(str(ipsec.get("ipsecEncAlg", "aes")).lower(), "unknown")
    child_digest = str(ipsec.get("ipsecAuthAlg", "md5")).lower()
    pfs = str(ipsec.get("ipsecPfs", "group2")).lower()
    return proposal(version, [encryption], [digest], [digest], [_group(ike.get("ikePfs", "group2"))],
                    [child_encryption], [child_digest], [NO_PFS if pfs == "disabled" else _group(pfs)])


def _shown(values):
    return ",".join(sorted(str(v) for v in values)) or "nothing"


def disagreement(a, b):
    """Why two ends' proposals fail IKE (RFC 7296), or None when they negotiate: the version first, then each
    transform type of the IKE SA, then of the Child SA."""
    if a["version"] != b["version"]:
        return f"IKE version {a['version']} against {b['version']} (RFC 7296 3.1: INVALID_MAJOR_VERSION)"
    for kind in ENCRYPTION_TYPES:
        if not (a[kind] & b[kind]):
            return f"no common IKE {kind}: {_shown(a[kind])} against {_shown(b[kind])} (RFC 7296 2.7: NO_PROPOSAL_CHOSEN)"
    for kind in CHILD_TYPES:
        if not (a["child"][kind] & b["child"][kind]):
            return (f"no common Child SA {kind}: {_shown(a['child'][kind])} against {_shown(b['child'][kind])} "
                    "(RFC 7296 2.7, 1.3.1: NO_PROPOSAL_CHOSEN)")
    return None
