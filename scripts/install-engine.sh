#!/usr/bin/env bash
# Put a pinned Pulumi engine in $HOME/.cache/souverain/engine/pulumi-<version>/bin:
#   pulumi                       built from its Go module through the Go module proxy
#   pulumi-language-python       built from engine/langhost (this repository)
#   pulumi-language-python-exec  and pulumi-resource-pulumi-python, from the SDK module
# Each piece is rebuilt only when missing (the language host also when its source
# changes), so a warm machine rebuilds nothing. Prints the bin directory on its last line.
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-v3.259.0}"
CACHE="${SOUVERAIN_CACHE:-$HOME/.cache/souverain}"
ENGINE="$CACHE/engine/pulumi-$PULUMI_VERSION"
BIN="$ENGINE/bin"
HERE="$(cd "$(dirname "$0")/.." && pwd)"
export GOMODCACHE="$CACHE/gomod" GOFLAGS="-modcacherw" CGO_ENABLED=0 GOTOOLCHAIN=local

command -v go >/dev/null || { echo "go is required to build the Pulumi engine" >&2; exit 1; }
mkdir -p "$BIN"
sdk="$GOMODCACHE/github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION"

build_cli() {
  echo "building pulumi $PULUMI_VERSION from its Go module (first run only)" >&2
  go mod download "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION"
  local work
  work="$(mktemp -d)"
  # The CLI module replaces sdk/v3 with ../sdk: rebuild that layout from the module cache.
  cp -r "$GOMODCACHE/github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" "$work/pkg"
  cp -r "$sdk" "$work/sdk"
  chmod -R u+w "$work"
  (
    cd "$work/pkg"
    go build -trimpath -buildvcs=false -tags osusergo,grpcnotrace \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
      -o "$BIN/pulumi.tmp" ./cmd/pulumi
  )
  rm -rf "$work"
  mv "$BIN/pulumi.tmp" "$BIN/pulumi"
}

build_langhost() {
  echo "building pulumi-language-python from engine/langhost" >&2
  (
    cd "$HERE/engine/langhost"
    go build -trimpath -buildvcs=false \
      -ldflags "-s -w -X main.version=${PULUMI_VERSION#v}" -o "$BIN/pulumi-language-python.tmp" .
  )
  mv "$BIN/pulumi-language-python.tmp" "$BIN/pulumi-language-python"
}

[ -x "$BIN/pulumi" ] || build_cli

langhost_hash="$(cat "$HERE/engine/langhost/"{main.go,go.mod,go.sum} | sha256sum | cut -c1-16)"
if [ ! -x "$BIN/pulumi-language-python" ] || [ "$(cat "$BIN/.langhost-hash" 2>/dev/null)" != "$langhost_hash" ]; then
  build_langhost
  echo "$langhost_hash" > "$BIN/.langhost-hash"
fi

if [ ! -x "$BIN/pulumi-language-python-exec" ]; then
  [ -d "$sdk" ] || go mod download "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION"
  install -m 0755 "$sdk/python/cmd/pulumi-language-python-exec" "$BIN/"
  install -m 0755 "$sdk/python/dist/pulumi-resource-pulumi-python" "$BIN/"
fi
echo "$BIN"
