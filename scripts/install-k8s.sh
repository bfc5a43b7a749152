#!/usr/bin/env bash
# Build a Kubernetes control plane for 127.0.0.1 from Go modules, through the Go module
# proxy only (no release downloads):
#   etcd                                     engine/etcd        go.etcd.io/etcd/server/v3
#   kube-apiserver, kube-scheduler,
#   kube-controller-manager, kubectl         engine/kubernetes  k8s.io/kubernetes/cmd/...
#   kwok (fake nodes) and kwok-stages.yaml   engine/kwok        sigs.k8s.io/kwok/cmd/kwok
# The versions are the ones the wrapper modules require. Each component is built into
# $CACHE/kubernetes/<component>-<version>/ only when missing there, so a warm machine
# builds nothing; a bin directory named after all three versions links them together
# and is printed on the last line.
set -euo pipefail

CACHE="${SOUVERAIN_CACHE:-$HOME/.cache/souverain}"
HERE="$(cd "$(dirname "$0")/.." && pwd)"
# -p=2: the kube-* links peak at about 3 GB each; more parallel jobs gain nothing on 2 cores.
export GOMODCACHE="$CACHE/gomod" GOFLAGS="-modcacherw -p=2" CGO_ENABLED=0 GOTOOLCHAIN=local

need_go() {
  command -v go >/dev/null || { echo "go is required to build the local Kubernetes" >&2; exit 1; }
}

# version WRAPPER MODULE: the version of MODULE that engine/WRAPPER/go.mod requires.
version() {
  awk -v m="$2" '$1 == m { print $2; exit } $1 == "require" && $2 == m { print $3; exit }' \
    "$HERE/engine/$1/go.mod"
}
K8S="$(version kubernetes k8s.io/kubernetes)"
ETCD="$(version etcd go.etcd.io/etcd/server/v3)"
KWOK="$(version kwok sigs.k8s.io/kwok)"
ROOT="$CACHE/kubernetes"
BIN="$ROOT/bin-$K8S-etcd-$ETCD-kwok-$KWOK"

# build WRAPPER VERSION NAME PACKAGE LDFLAGS: go build PACKAGE inside engine/WRAPPER into
# $ROOT/WRAPPER-VERSION/NAME, unless it is already there.
build() {
  local dir="$HERE/engine/$1" out="$ROOT/$1-$2" name="$3" pkg="$4" ldflags="$5" began=$SECONDS
  [ -x "$out/$name" ] && return
  need_go
  echo "building $name $2 from engine/$1 (first run only)" >&2
  mkdir -p "$out"
  (cd "$dir" && go build -trimpath -buildvcs=false -ldflags "-s -w $ldflags" -o "$out/$name.tmp.$$" "$pkg")
  mv "$out/$name.tmp.$$" "$out/$name"
  echo "built $name in $((SECONDS - began)) s" >&2
}

build etcd "$ETCD" etcd go.etcd.io/etcd/server/v3 ""

# What upstream's build stamps in (kubectl version then shows v1.37.2 on both sides).
major="${K8S#v}" minor="${K8S#v*.}"
k8s_ldflags="-X k8s.io/component-base/version.gitVersion=$K8S -X k8s.io/client-go/pkg/version.gitVersion=$K8S"
k8s_ldflags+=" -X k8s.io/component-base/version.gitMajor=${major%%.*} -X k8s.io/component-base/version.gitMinor=${minor%%.*}"
for cmd in kube-apiserver kube-scheduler kube-controller-manager kubectl; do
  build kubernetes "$K8S" "$cmd" "k8s.io/kubernetes/cmd/$cmd" "$k8s_ldflags"
done

build kwok "$KWOK" kwok sigs.k8s.io/kwok/cmd/kwok "-X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK#v}"
# The bare kwok binary has no stages of its own (kwokctl adds them): take the ones kwokctl
# uses from the module, so pods and nodes move through the same states.
stages="$ROOT/kwok-$KWOK/kwok-stages.yaml"
if [ ! -s "$stages" ]; then
  need_go
  src="$(cd "$HERE/engine/kwok" && go mod download -json "sigs.k8s.io/kwok@$KWOK" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')/kustomize/stage"
  for f in node/fast/node-initialize node/heartbeat/node-heartbeat pod/fast/pod-ready \
    pod/fast/pod-complete pod/fast/pod-delete; do
    printf -- '---\n'
    cat "$src/$f.yaml"
  done > "$stages.tmp.$$"
  mv "$stages.tmp.$$" "$stages"
fi

mkdir -p "$BIN"
for link in "etcd-$ETCD/etcd" "kubernetes-$K8S/kube-apiserver" "kubernetes-$K8S/kube-scheduler" \
  "kubernetes-$K8S/kube-controller-manager" "kubernetes-$K8S/kubectl" "kwok-$KWOK/kwok" \
  "kwok-$KWOK/kwok-stages.yaml"; do
  ln -sfn "../$link" "$BIN/${link##*/}"
done
echo "$BIN"
