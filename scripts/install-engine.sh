#!/usr/bin/env bash
# Put a pinned Pulumi engine in $HOME/.cache/souverain/engine/pulumi-<version>/bin:
#   pulumi                       built from its Go module through the Go module proxy
#   pulumi-language-python       built from engine/langhost (this repository)
#   pulumi-language-python-exec  and pulumi-resource-pulumi-python, from the SDK module
# build .../plugins/pulumi-resource-openstack from engine/openstack (terraform-provider-
# openstack bridged with pulumi-terraform-bridge) and .../plugins/pulumi-resource-kubernetes
# from its Go module, and install both into the plugin cache ($PULUMI_HOME, default ~/.pulumi)
# unless that version is already there.
# Each piece is rebuilt only when missing or when its source changed, so a warm machine
# rebuilds nothing. Prints the bin directory on its last line.
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-v3.259.0}"
# Must equal the pulumi-openstack Python SDK version: the engine loads plugins by exact version.
OPENSTACK_VERSION="5.5.1"
# Likewise the pulumi-kubernetes Python SDK version. The provider module has no tags of its
# own: this pseudo-version is the parent commit of the v4.25.0 release tag, and is built
# against the sdk/v4 v4.25.0 released with it.
KUBERNETES_VERSION="4.25.0"
KUBERNETES_MODULE="github.com/pulumi/pulumi-kubernetes/provider/v4@v4.0.0-20260115033456-f47bc2d6f199"
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

# build_kubernetes: pulumi-resource-kubernetes from its module, when missing or when the
# module or version above changed since the last build.
build_kubernetes() {
  local out="$ENGINE/plugins" name=pulumi-resource-kubernetes stamp work
  stamp="$KUBERNETES_MODULE $KUBERNETES_VERSION"
  if [ -x "$out/$name" ] && [ "$(cat "$out/.$name.version" 2>/dev/null)" = "$stamp" ]; then
    return
  fi
  echo "building $name $KUBERNETES_VERSION from its Go module (first run only)" >&2
  go mod download "$KUBERNETES_MODULE"
  work="$(mktemp -d)"
  cp -r "$GOMODCACHE/$KUBERNETES_MODULE" "$work/provider"
  chmod -R u+w "$work"
  mkdir -p "$out"
  (
    cd "$work/provider"
    # The module replaces sdk/v4 with ../sdk, which is not in its zip: use the released one.
    go mod edit -dropreplace=github.com/pulumi/pulumi-kubernetes/sdk/v4 \
      -require="github.com/pulumi/pulumi-kubernetes/sdk/v4@v$KUBERNETES_VERSION"
    go mod tidy
    # //go:embed needs schema-embed.json and terraform-mapping-embed.json, which are
    # generated at release time and not in the zip.
    (cd cmd/pulumi-resource-kubernetes && VERSION="$KUBERNETES_VERSION" go run generate.go)
    # -p=2: this link peaks at about 4.6 GB; more parallel jobs would only add memory.
    go build -p=2 -trimpath -buildvcs=false \
      -ldflags "-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$KUBERNETES_VERSION" \
      -o "$out/$name.tmp" ./cmd/pulumi-resource-kubernetes
  )
  rm -rf "$work"
  mv "$out/$name.tmp" "$out/$name"
  echo "$stamp" > "$out/.$name.version"
}

[ -x "$BIN/pulumi" ] || build_cli
build_local "$BIN" pulumi-language-python engine/langhost "-X main.version=${PULUMI_VERSION#v}"
# Provider plugins stay off PATH (the engine warns about plugins found there); they are
# installed into the plugin cache below.
build_local "$ENGINE/plugins" pulumi-resource-openstack engine/openstack "-X main.version=$OPENSTACK_VERSION"
build_kubernetes

if [ ! -x "$BIN/pulumi-language-python-exec" ]; then
  [ -d "$sdk" ] || go mod download "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION"
  install -m 0755 "$sdk/python/cmd/pulumi-language-python-exec" "$BIN/"
  install -m 0755 "$sdk/python/dist/pulumi-resource-pulumi-python" "$BIN/"
fi

# install_plugin NAME VERSION: put the plugin built above into the plugin cache as resource
# NAME VERSION, only when that directory has no plugin binary yet. A plugin already
# installed at that version is never replaced: the engine takes name and version for its
# identity, and a running `pulumi`, another checkout or the user may be using the one
# that is there. (--reinstall only for a directory a failed install left without binary.)
install_plugin() {
  local dir="${PULUMI_HOME:-$HOME/.pulumi}/plugins/resource-$1-v$2"
  if [ -f "$dir/pulumi-resource-$1" ]; then
    cmp -s "$ENGINE/plugins/pulumi-resource-$1" "$dir/pulumi-resource-$1" \
      || echo "keeping the $1 $2 plugin installed in $dir (not built here)" >&2
    return
  fi
  PULUMI_SKIP_UPDATE_CHECK=true "$BIN/pulumi" plugin install resource "$1" "$2" \
    --file "$ENGINE/plugins/pulumi-resource-$1" --reinstall >&2
}
install_plugin openstack "$OPENSTACK_VERSION"
install_plugin kubernetes "$KUBERNETES_VERSION"
echo "$BIN"
