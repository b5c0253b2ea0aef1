// What `npm run engines` builds: one entry per binary, built with `go build` inside its wrapper module
// (engines/<module>/go.mod, which pins the upstream module and repeats the replaces it needs).
// Editing this file changes the cache key (engines/paths.ts), so the binaries are rebuilt.
import type { EngineBinary } from './paths.js';

export interface EngineSpec {
  binary: EngineBinary;
  /** the wrapper module folder under engines/ */
  module: string;
  /** the upstream module and version, named in messages */
  upstream: string;
  /** the main package to build ('.' for the wrapper's own main) */
  pkg: string;
  /** -X settings for the linker (version stamps) */
  stamps: Record<string, string>;
  /** the build needs generated files next to a copy of the wrapper module (see provider-schema.ts) */
  staged?: boolean;
}

export const KUBERNETES_VERSION = 'v1.37.2';
export const ETCD_VERSION = 'v3.7.3';
export const PULUMI_VERSION = 'v3.276.0';
/** the provider module is untagged; its pseudo-version is the commit upstream tagged v4.25.0 */
export const PULUMI_KUBERNETES_VERSION = '4.25.0';
const PULUMI_KUBERNETES_PSEUDO = 'v4.0.0-20260115033456-f47bc2d6f199';

const kubeStamps = {
  'k8s.io/component-base/version.gitVersion': KUBERNETES_VERSION,
  'k8s.io/component-base/version.gitMajor': '1',
  'k8s.io/component-base/version.gitMinor': '37',
  'k8s.io/component-base/version.gitTreeState': 'clean',
};

export const ENGINE_SPECS: readonly EngineSpec[] = [
  {
    binary: 'etcd',
    module: 'etcd',
    upstream: `go.etcd.io/etcd/server/v3@${ETCD_VERSION}`,
    pkg: 'go.etcd.io/etcd/server/v3',
    stamps: {},
  },
  {
    binary: 'kube-apiserver',
    module: 'kube',
    upstream: `k8s.io/kubernetes@${KUBERNETES_VERSION}`,
    pkg: 'k8s.io/kubernetes/cmd/kube-apiserver',
    stamps: kubeStamps,
  },
  {
    binary: 'kube-controller-manager',
    module: 'kube',
    upstream: `k8s.io/kubernetes@${KUBERNETES_VERSION}`,
    pkg: 'k8s.io/kubernetes/cmd/kube-controller-manager',
    stamps: kubeStamps,
  },
  {
    binary: 'pulumi',
    module: 'pulumi',
    upstream: `github.com/pulumi/pulumi/pkg/v3@${PULUMI_VERSION}`,
    pkg: 'github.com/pulumi/pulumi/pkg/v3/cmd/pulumi',
    stamps: { 'github.com/pulumi/pulumi/sdk/v3/go/common/version.Version': PULUMI_VERSION },
  },
  {
    binary: 'pulumi-resource-kubernetes',
    module: 'pulumi-kubernetes',
    upstream: `github.com/pulumi/pulumi-kubernetes/provider/v4@${PULUMI_KUBERNETES_PSEUDO}`,
    pkg: '.',
    stamps: { 'github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version': PULUMI_KUBERNETES_VERSION },
    staged: true,
  },
];
