// pulumi-resource-openstack for souverain: the OpenStack resources souverain creates,
// bridged from terraform-provider-openstack with pulumi-terraform-bridge.
//
// The Pulumi OpenStack provider's own Go module is not served by the Go module proxy, so
// this plugin is built from the modules that are. It answers to the same package name,
// version and resource tokens as the pulumi_openstack Python SDK the project pins, and
// exposes only the resources and data sources listed here; anything else is reported as
// an unknown resource type by the engine.
package main

import (
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	shimv2 "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfshim/sdk-v2"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	openstack "github.com/terraform-provider-openstack/terraform-provider-openstack/v3/openstack"
)

// version must equal the pulumi_openstack SDK version: the engine loads plugins by exact version.
var version = "5.5.1"

var resources = map[string]tokens.Type{
	"openstack_networking_network_v2":              "openstack:networking/network:Network",
	"openstack_networking_subnet_v2":               "openstack:networking/subnet:Subnet",
	"openstack_networking_router_v2":               "openstack:networking/router:Router",
	"openstack_networking_router_interface_v2":     "openstack:networking/routerInterface:RouterInterface",
	"openstack_networking_secgroup_v2":             "openstack:networking/secGroup:SecGroup",
	"openstack_networking_secgroup_rule_v2":        "openstack:networking/secGroupRule:SecGroupRule",
	"openstack_networking_port_v2":                 "openstack:networking/port:Port",
	"openstack_networking_floatingip_v2":           "openstack:networking/floatingIp:FloatingIp",
	"openstack_networking_floatingip_associate_v2": "openstack:networking/floatingIpAssociate:FloatingIpAssociate",
	"openstack_compute_instance_v2":                "openstack:compute/instance:Instance",
	"openstack_compute_servergroup_v2":             "openstack:compute/serverGroup:ServerGroup",
	"openstack_compute_keypair_v2":                 "openstack:compute/keypair:Keypair",
	"openstack_objectstorage_container_v1":         "openstack:objectstorage/container:Container",
	"openstack_keymanager_order_v1":                "openstack:keymanager/orderV1:OrderV1",
	"openstack_keymanager_secret_v1":               "openstack:keymanager/secretV1:SecretV1",
	"openstack_blockstorage_volume_v3":             "openstack:blockstorage/volume:Volume",
}

var dataSources = map[string]tokens.ModuleMember{
	"openstack_networking_network_v2": "openstack:networking/getNetwork:getNetwork",
	"openstack_images_image_v2":       "openstack:images/getImage:getImage",
}

func provider() tfbridge.ProviderInfo {
	p := shimv2.NewProvider(openstack.Provider())
	info := tfbridge.ProviderInfo{
		P:           p,
		Name:        "openstack",
		Version:     version,
		Resources:   map[string]*tfbridge.ResourceInfo{},
		DataSources: map[string]*tfbridge.DataSourceInfo{},
	}
	for tf, tok := range resources {
		info.Resources[tf] = &tfbridge.ResourceInfo{Tok: tok}
	}
	for tf, tok := range dataSources {
		info.DataSources[tf] = &tfbridge.DataSourceInfo{Tok: tok}
	}
	return info
}

func main() {
	tfbridge.Main("openstack", version, provider(), nil)
}
