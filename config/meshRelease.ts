/**
 * Cloud Service Mesh release lines, asmcli's revision and build names, and the platforms each
 * line supports. Pure.
 * asmcli names a revision `asm-<major><minor><point>-<rev>` after the release it installs
 * (GoogleCloudPlatform/anthos-service-mesh-packages, asmcli/lib/util.sh `REVISION_LABEL`).
 */

/** The lines Cloud Service Mesh supports (the last three minors; docs.cloud.google.com/service-mesh/versions). */
export const SUPPORTED_ASM_LINES = ["1.29", "1.30", "1.31"] as const;

/** The line asmcli downloads when none is configured. */
export const DEFAULT_ASM_LINE = "1.29";

/** An ASM release as asmcli prints it, without its `+config<n>` suffix: `1.29.0-asm.1`. */
export const ASM_RELEASE = /^(\d+)\.(\d+)\.(\d+)-asm\.(\d+)$/;

/**
 * `mesh.release` as configured: a release, optionally with the asmcli build that installs it,
 * as `asmcli --version` prints it (`1.29.0-asm.1+config1`; asmcli/asmcli `version_message`).
 */
export const MESH_RELEASE_INPUT = /^\d+\.\d+\.\d+-asm\.\d+(\+config\d+)?$/;

/** asmcli's revision name for a release: `1.29.0-asm.1` → `asm-1290-1`; undefined when it is no release. */
export function asmRevision(release: string): string | undefined {
  const m = ASM_RELEASE.exec(release);
  return m ? `asm-${m[1]}${m[2]}${m[3]}-${m[4]}` : undefined;
}

/** The release a revision named by asmcli installs: `asm-12910-4` → `1.29.10-asm.4` (minors are two digits since 1.10). */
export function revisionRelease(revision: string): string | undefined {
  const m = /^asm-1(\d{2})(\d+)-(\d+)$/.exec(revision);
  return m ? `1.${Number(m[1])}.${Number(m[2])}-asm.${m[3]}` : undefined;
}

/**
 * The asmcli build to download for a release: the release itself when it names its build,
 * otherwise the first build, `+config1` (every asmcli tag since 1.20 is a `+config1`;
 * anthos-service-mesh-packages tags, scripts/release-asm/common.sh `is_proper_tag`).
 */
export function asmcliBuild(release: string): string {
  return release.includes("+config") ? release : `${release}+config1`;
}

/** The release line (`1.29`) a revision named by asmcli belongs to; undefined for any other name. */
export function revisionLine(revision: string): string | undefined {
  // Minors are two digits since 1.10; the point release takes the digits that follow.
  const m = /^asm-1(\d{2})\d+-\d+$/.exec(revision);
  return m ? `1.${Number(m[1])}` : undefined;
}

/** True when `line` (`1.<minor>`) is one Cloud Service Mesh supports. */
export function isSupportedLine(line: string): boolean {
  return (SUPPORTED_ASM_LINES as readonly string[]).includes(line);
}

/** An inclusive range of Kubernetes minors, `["1.33", "1.35"]`. */
export type MinorRange = readonly [min: string, max: string];

/**
 * What in-cluster Cloud Service Mesh supports per line (docs.cloud.google.com/service-mesh,
 * "Supported platforms", read 2026-12): GKE versions, and the Kubernetes versions of Google
 * Distributed Cloud (software only) for bare metal. asmcli itself checks only >= 1.15. The 1.30
 * row is not recorded: its page was not found, and the range is not guessed.
 */
export const CSM_PLATFORMS: Readonly<Record<string, { readonly gke: MinorRange; readonly bareMetal: MinorRange }>> = {
  "1.29": { gke: ["1.32", "1.35"], bareMetal: ["1.33", "1.35"] },
  "1.31": { gke: ["1.33", "1.36"], bareMetal: ["1.34", "1.36"] },
};

/** A GKE version as `minMasterVersion` takes it: a minor or a full version. */
export const GKE_VERSION = /^1\.\d+(\.\d+(-gke\.\d+)?)?$/;

/** The minor of a Kubernetes or GKE version: `1.35.1-gke.1396000` → `1.35`. */
export function kubernetesMinor(version: string): string {
  const [major, minor] = version.split(".");
  return `${major}.${Number(minor)}`;
}

/** True when `minor` lies within `range`. */
export function inRange(minor: string, [min, max]: MinorRange): boolean {
  const n = (v: string) => Number(v.split(".")[1]);
  return n(minor) >= n(min) && n(minor) <= n(max);
}

/** `1.32-1.35`. */
export function showRange([min, max]: MinorRange): string {
  return `${min}-${max}`;
}

/** The GKE version a cluster of a mesh line starts at: its own, or the newest minor the line supports; undefined when neither is known. */
export function gkeVersionFor(configured: string | undefined, line: string): string | undefined {
  return configured ?? CSM_PLATFORMS[line]?.gke[1];
}
