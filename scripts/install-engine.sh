#!/usr/bin/env bash
# Put a pinned Pulumi engine in $HOME/.cache/souverain/engine/pulumi-<version>/bin:
#   pulumi                       built from its Go module through the Go module proxy
#   pulumi-language-python       built from engine/langhost (this repository)
#   pulumi-language-python-exec  and pulumi-resource-pulumi-python, from the SDK module
# build .../plugins/pulumi-resource-openstack from engine/openstack (terraform-provider-
# openstack bridged with pulumi-terraform-bridge), and install it into the plugin cache
# ($PULUMI_HOME, default ~/.pulumi).
# Each piece is rebuilt only when missing or when its source changed, so a warm machine
# rebuilds nothing. Prints the bin directory on its last line.
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-v3.259.0}"
# Must equal the pulumi-openstack Python SDK version: the engine loads plugins by exact version.
OPENSTACK_VERSION="5.5.1"
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

# build_local OUT_DIR NAME SRC_DIR LDFLAGS: build a Go program of this repository into
# OUT_DIR/NAME, again only when its sources changed since the last build.
build_local() {
  local out="$1" name="$2" dir="$HERE/$3" ldflags="$4" hash
  hash="$(cat "$dir"/*.go "$dir/go.mod" "$dir/go.sum" | sha256sum | cut -c1-16)"
  if [ -x "$out/$name" ] && [ "$(cat "$out/.$name.hash" 2>/dev/null)" = "$hash" ]; then
    return
  fi
  echo "building $name from $3" >&2
  mkdir -p "$out"
  (cd "$dir" && go build -trimpath -buildvcs=false -ldflags "-s -w $ldflags" -o "$out/$name.tmp" .)
  mv "$out/$name.tmp" "$out/$name"
  echo "$hash" > "$out/.$name.hash"
}

[ -x "$BIN/pulumi" ] || build_cli
build_local "$BIN" pulumi-language-python engine/langhost "-X main.version=${PULUMI_VERSION#v}"
# Provider plugins stay off PATH (the engine warns about plugins found there); they are
# installed into the plugin cache below.
build_local "$ENGINE/plugins" pulumi-resource-openstack engine/openstack "-X main.version=$OPENSTACK_VERSION"

if [ ! -x "$BIN/pulumi-language-python-exec" ]; then
  [ -d "$sdk" ] || go mod download "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION"
  install -m 0755 "$sdk/python/cmd/pulumi-language-python-exec" "$BIN/"
  install -m 0755 "$sdk/python/dist/pulumi-resource-pulumi-python" "$BIN/"
fi

# A plugin already installed at this version is never replaced, unless it is an earlier
# build of this script (its digest is recorded next to it): a machine that has Pulumi's own
# plugin keeps it. `souverain doctor` says which plugins will run, and where they come from.
plugins="${PULUMI_HOME:-$HOME/.pulumi}/plugins/resource-openstack-v$OPENSTACK_VERSION"
built="$ENGINE/plugins/pulumi-resource-openstack"
installed="$plugins/pulumi-resource-openstack"
marker="$plugins/.built-by-souverain"
digest() { sha256sum < "$1" | cut -c1-64; }
if [ -e "$installed" ] && ! cmp -s "$built" "$installed" \
    && [ "$(cat "$marker" 2>/dev/null)" != "$(digest "$installed")" ]; then
  echo "keeping the openstack $OPENSTACK_VERSION plugin installed in $plugins (not built here)" >&2
elif ! cmp -s "$built" "$installed"; then
  PULUMI_SKIP_UPDATE_CHECK=true "$BIN/pulumi" plugin install resource openstack "$OPENSTACK_VERSION" \
    --file "$built" --reinstall >&2
  digest "$built" > "$marker"
elif [ ! -f "$marker" ]; then
  digest "$built" > "$marker"
fi
echo "$BIN"
