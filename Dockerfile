# syntax=docker/dockerfile:1
# tomoda-app-fn images, one Dockerfile, three targets:
#
#   (default) runtime  the KRM function kustomize and kpt run as a container:
#                        docker build -t ghcr.io/tomoda-life/tomoda-app-fn:0.1.0 .
#   argocd-cmp         Argo CD Config Management Plugin sidecar: node, kustomize and the function
#                        docker build --target argocd-cmp -t ghcr.io/tomoda-life/tomoda-app-fn-cmp:0.1.0 .
#   exec-tool          initContainer for the Argo CD repo-server: copies a self-contained executable
#                        docker build --target exec-tool -t ghcr.io/tomoda-life/tomoda-app-fn-exec:0.1.0 .
#
# Every target carries the one file `npm run build` writes (package.json "bin"), which is also what
# the tests, kpt and kustomize run. test/pipeline/dockerfile.test.ts keeps this file and the build in step.

# Node.js 26, the Active LTS line since late October 2026 (supported into 2029; 20 reached its end of life
# in April 2026, 24 is in maintenance). The function itself runs on Node.js >= 20 (package.json engines);
# the images take the newest LTS for security fixes and for `node --build-sea`. Pin a digest
# (node:26-alpine@sha256:...) where builds must be reproducible.
ARG NODE_MAJOR=26
# The standalone kustomize Argo CD bundles; scripts/tool-versions.sh pins the same for the tests.
ARG KUSTOMIZE_VERSION=v5.8.1

# ---- build: install, bundle, smoke-test ---------------------------------------------------------
FROM node:${NODE_MAJOR}-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/build.mjs scripts/
COPY fn-config/tomoda-app.yaml fn-config/
COPY src/ src/
RUN npm run build \
 && node dist/tomoda-app-fn.cjs render fn-config/tomoda-app.yaml > /dev/null

# ---- sea: the bundle inside a copy of the node binary (Node single executable application) -------
# Node.js >= 25.5 writes the executable itself (--build-sea): nothing fetched, no postject.
FROM build AS sea
RUN printf '{"main":"dist/tomoda-app-fn.cjs","output":"dist/tomoda-app-fn","disableExperimentalSEAWarning":true}' > sea-config.json \
 && node --build-sea sea-config.json \
 && env -i dist/tomoda-app-fn render fn-config/tomoda-app.yaml > /dev/null

# ---- exec-tool: what the repo-server's initContainer runs ----------------------------------------
# Glibc build (bookworm) for the Ubuntu-based argocd image; busybox only brings `cp`.
FROM busybox:1.37-glibc AS exec-tool
COPY --from=sea /src/dist/tomoda-app-fn /tomoda-app-fn
USER 999:999
ENTRYPOINT ["cp", "/tomoda-app-fn", "/custom-tools/tomoda-app-fn"]

# ---- argocd-cmp: the Config Management Plugin sidecar --------------------------------------------
FROM registry.k8s.io/kustomize/kustomize:${KUSTOMIZE_VERSION} AS kustomize
USER 0
RUN cp "$(command -v kustomize)" /kustomize

# Alpine: sh and every tool are BusyBox's; plugin.yaml's commands are written for that (no bash needed).
FROM node:${NODE_MAJOR}-alpine AS argocd-cmp
RUN rm -rf /usr/local/lib/node_modules /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
      /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-*
COPY --from=kustomize /kustomize /usr/local/bin/kustomize
COPY --from=build /src/dist/tomoda-app-fn.cjs /usr/local/bin/tomoda-app-fn
# kustomize runs the container function by calling `docker run ... IMAGE`; in the sidecar that
# command runs the bundled function instead, so the overlays build unchanged.
COPY examples/argocd/cmp/docker /usr/local/bin/docker
COPY examples/argocd/cmp/plugin.yaml /home/argocd/cmp-server/config/plugin.yaml
# Argo CD runs plugin sidecars as the argocd user.
USER 999:999

# ---- runtime (default target): the function image kustomize and kpt run ---------------------------
FROM node:${NODE_MAJOR}-alpine AS runtime
# The bundle needs node alone: no package manager, no node_modules.
RUN rm -rf /usr/local/lib/node_modules /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
      /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-*
COPY --from=build /src/dist/tomoda-app-fn.cjs /usr/local/lib/tomoda-app-fn/tomoda-app-fn.cjs
COPY --from=build /src/fn-config/tomoda-app.yaml /tmp/warm-up.yaml
# The bundle runs its code from a V8 code cache (src/boot.ts) that the image writes here, once, by running the
# function on the built-in example: every start then reads compiled code instead of compiling it (BENCHMARKS.md:
# fewer instructions and fewer page faults than a startup snapshot). A cache loads only in the node binary that
# wrote it, so the image writes its own; root owns the directory, so the function (as nobody) only reads it.
ENV TOMODA_FN_CACHE_DIR=/usr/local/lib/tomoda-app-fn/cache
RUN mkdir -m 0755 "$TOMODA_FN_CACHE_DIR" \
 && { printf 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: warm-up\n  data:\n    a: b\nfunctionConfig:\n'; \
      sed 's/^/  /' /tmp/warm-up.yaml; } | node /usr/local/lib/tomoda-app-fn/tomoda-app-fn.cjs > /dev/null \
 && chmod -R a+rX "$TOMODA_FN_CACHE_DIR" && rm /tmp/warm-up.yaml \
 && node /usr/local/lib/tomoda-app-fn/tomoda-app-fn.cjs render > /dev/null
# nobody: kustomize and kpt run functions with --user nobody --network none; the image asks for
# the same, and the function reads stdin, writes stdout and touches no file or network.
USER 65534:65534
# Arguments after the script are the function's: `docker run IMAGE --help` reaches the function, not node.
ENTRYPOINT ["node", "/usr/local/lib/tomoda-app-fn/tomoda-app-fn.cjs"]
