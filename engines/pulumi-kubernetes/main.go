// pulumi-resource-kubernetes, built from the provider module. Upstream's main embeds schema files that its
// Makefile generates and that are absent from the module zip, so engines/build.ts writes them next to a
// copy of this module before building (see engines/provider-schema.ts).
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema-embed.json
var pulumiSchema []byte

//go:embed terraform-mapping-embed.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, pulumiSchema, terraformMapping)
}
