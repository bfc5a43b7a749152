#!/usr/bin/env bash
# Build actionlint (the GitHub Actions workflow linter) from its Go module through the Go
# module proxy into $HOME/.cache/souverain/actionlint-<version>/, once per version, and
# print the binary's path on the last line. The templates' workflows are checked with it.
set -euo pipefail

VERSION="${ACTIONLINT_VERSION:-v1.7.12}"
CACHE="${SOUVERAIN_CACHE:-$HOME/.cache/souverain}"
OUT="$CACHE/actionlint-$VERSION"
export GOMODCACHE="$CACHE/gomod" GOFLAGS="-modcacherw" CGO_ENABLED=0 GOTOOLCHAIN=local

if [ ! -x "$OUT/actionlint" ]; then
  command -v go >/dev/null || { echo "go is required to build actionlint" >&2; exit 1; }
  echo "building actionlint $VERSION from its Go module (first run only)" >&2
  mkdir -p "$OUT"
  GOBIN="$OUT" go install -trimpath -ldflags "-s -w -X github.com/rhysd/actionlint.version=$VERSION" \
    "github.com/rhysd/actionlint/cmd/actionlint@$VERSION" >&2
fi
# actionlint checks the workflows' `run:` scripts with shellcheck when it finds it: install
# Debian's on first use where that can be done (Debian/Ubuntu, as root).
if ! command -v shellcheck >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian's shellcheck package (first run only)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends shellcheck >&2 \
    || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends shellcheck >&2; }
fi
echo "$OUT/actionlint"
