#!/usr/bin/env bash
# Installs the pinned Go tools of scripts/tool-versions.sh into a cache folder, with `go install`
# (needs Go and its module proxy). The pipeline tests and the bench look for them there.
#
#   scripts/install-tools.sh          standalone kustomize, every pinned version
#   scripts/install-tools.sh --helm   also Helm v3, the bench's Go peer (`npm run bench` section 4b; not CI)
#
# TOMODA_TOOLS_DIR names the cache folder (default: ${XDG_CACHE_HOME:-$HOME/.cache}/tomoda-app-fn/tools);
# each tool lands in <dir>/<tool>-<version>/<tool>. A tool already there at its version is kept.
# Exits non-zero, naming what failed, when a requested tool cannot be installed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tool-versions.sh
. "$here/tool-versions.sh"

tools_dir=${TOMODA_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tomoda-app-fn/tools}
with_helm=0
for arg in "$@"; do
  case $arg in
    --helm) with_helm=1 ;;
    -h | --help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "install-tools: unknown argument $arg" >&2; exit 2 ;;
  esac
done

command -v go >/dev/null 2>&1 || {
  echo "install-tools: error: go is not on PATH; it builds the pinned standalone kustomize (scripts/tool-versions.sh)" >&2
  exit 1
}

# install NAME VERSION PACKAGE: go install PACKAGE@VERSION into <dir>/NAME-VERSION/.
install() {
  local name=$1 version=$2 package=$3
  local bin="$tools_dir/$name-$version"
  if [[ -x $bin/$name ]]; then
    echo "install-tools: $name $version already in $bin"
    return 0
  fi
  local start=$SECONDS
  mkdir -p "$bin"
  if ! GOBIN="$bin" GOFLAGS=-buildvcs=false go install "$package@$version"; then
    rm -rf "$bin"
    echo "install-tools: error: go install $package@$version failed" >&2
    return 1
  fi
  echo "install-tools: $name $version installed in $bin ($((SECONDS - start)) s)"
}

for version in $KUSTOMIZE_VERSIONS; do
  install kustomize "$version" sigs.k8s.io/kustomize/kustomize/v5
  got=$("$tools_dir/kustomize-$version/kustomize" version)
  [[ $got == "$version" ]] || { echo "install-tools: error: kustomize-$version reports '$got'" >&2; exit 1; }
done
if [[ $with_helm == 1 ]]; then
  install helm "$HELM_VERSION" helm.sh/helm/v3/cmd/helm
  # A `go install`ed helm reports its source's version (v3.22 for v3.22.0): the minor, not the patch.
  got=$("$tools_dir/helm-$HELM_VERSION/helm" version --template '{{.Version}}')
  [[ $HELM_VERSION == "$got" || $HELM_VERSION == "$got".* ]] || { echo "install-tools: error: helm-$HELM_VERSION reports '$got'" >&2; exit 1; }
fi
