# Versions of the Go tools the pipeline tests and the bench drive, pinned (never @latest).
# Sourced by scripts/install-tools.sh; read by test/pipeline/support.ts and bench/.
#
# Standalone kustomize: the version the current Argo CD release bundles (its hack/tool-versions.sh,
# KUSTOMIZE_VERSION=5.8.1), then the previous minor. The first one is also the Dockerfile's
# KUSTOMIZE_VERSION (test/pipeline/dockerfile.test.ts keeps them in step).
KUSTOMIZE_VERSIONS="v5.8.1 v5.7.1"
# Helm v3, the Go peer in `npm run bench` (section 4b, `helm template` of bench/peers/helm-chart; installed
# only by `scripts/install-tools.sh --helm`, never by CI; the bench skips its row without it). Helm charts
# are what most users pick instead of this function. score-k8s, the peer the bench first named, is not
# pinned: the Go module proxy this project's machines reach refuses github.com/score-spec/score-k8s
# (403 for every version), as it does timoni.
HELM_VERSION="v3.22.0"
