# Versions of the Go tools the pipeline tests and the bench drive, pinned (never @latest).
# Sourced by scripts/install-tools.sh; read by test/pipeline/support.ts and bench/.
#
# Standalone kustomize: the version the current Argo CD release bundles (its hack/tool-versions.sh,
# KUSTOMIZE_VERSION=5.8.1), then the previous minor. The first one is also the Dockerfile's
# KUSTOMIZE_VERSION (test/pipeline/dockerfile.test.ts keeps them in step).
KUSTOMIZE_VERSIONS="v5.8.1 v5.7.1"
# score-k8s, the Go peer in `npm run bench` (optional: the bench skips its row without it). Not yet
# verified: the Go module proxy this project's machines reach refuses github.com/score-spec/score-k8s
# (403 for every version asked), and its release tags (0.x.y, no "v") are not Go module versions, so a
# working pin may have to be the pseudo-version of a release commit.
SCORE_K8S_VERSION="v0.7.3"
