// The namespace's NetworkPolicies: nothing in or out unless allowed below.
//   ingress controller → API (http)          monitoring → API, worker (http: /metrics), database (9187)
//   API, worker, migration Job → database    database ↔ database (replication), operator → database
//   everyone → DNS                           database → Kubernetes API, object store (WAL archive, backups)
//   API, worker → target Kubernetes API (only when status sync / the Pulumi driver is configured)
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { APP_PODS, labelsFor, selectorFor } from './labels.js';
import type { Settings } from './settings.js';

export const HTTP_PORT = 3000;

type Rule = Record<string, unknown>;

const nsSelector = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
const tcp = (...ports: number[]) => ports.map((port) => ({ protocol: 'TCP', port }));

export function networkPolicySpecs(settings: Settings): Record<string, Rule> {
  const net = settings.network;
  const db = { matchLabels: { 'cnpg.io/cluster': settings.database.clusterName } };
  const appPods = { matchLabels: { 'app.kubernetes.io/name': 'zhengyun' }, matchExpressions: [{ key: 'app.kubernetes.io/component', operator: 'In', values: ['api', 'worker'] }] };
  const specs: Record<string, Rule> = {
    'default-deny-all': { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    'allow-dns': {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: nsSelector(net.dns.namespace), podSelector: { matchLabels: { ...net.dns.podLabels } } }], ports: [{ protocol: 'UDP', port: 53 }, ...tcp(53)] }],
    },
    'allow-ingress-to-api': {
      podSelector: { matchLabels: selectorFor('api') },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: nsSelector(net.ingressControllerNamespace) }], ports: tcp(HTTP_PORT) }],
    },
    'allow-monitoring': {
      podSelector: appPods,
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: nsSelector(net.monitoringNamespace) }], ports: tcp(HTTP_PORT) }],
    },
    'allow-app-to-database': {
      podSelector: APP_PODS,
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: db }], ports: tcp(5432) }],
    },
    'allow-database-ingress': {
      podSelector: db,
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: APP_PODS }], ports: tcp(5432) },
        { from: [{ podSelector: db }], ports: tcp(5432, 8000) },
        { from: [{ namespaceSelector: nsSelector(net.cnpgOperatorNamespace) }], ports: tcp(8000, 5432) },
        { from: [{ namespaceSelector: nsSelector(net.monitoringNamespace) }], ports: tcp(9187) },
      ],
    },
    'allow-database-egress': {
      podSelector: db,
      policyTypes: ['Egress'],
      egress: [
        { to: [{ podSelector: db }], ports: tcp(5432, 8000) },
        { to: net.apiServerCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: tcp(net.apiServerPort) },
        ...(settings.database.backup.method === 'barmanObjectStore' && settings.database.backup.objectStoreCidrs.length > 0
          ? [{ to: settings.database.backup.objectStoreCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: tcp(settings.database.backup.objectStorePort) }]
          : []),
      ],
    },
  };
  if (settings.secrets.targetKubeconfig) {
    specs['allow-target-cluster-api'] = {
      podSelector: appPods,
      policyTypes: ['Egress'],
      egress: [{ to: settings.provisioning.targetApiCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: tcp(settings.provisioning.targetApiPort) }],
    };
  }
  return specs;
}

export function networkPolicies(name: string, settings: Settings, namespace: pulumi.Input<string>, parent: pulumi.Resource): k8s.networking.v1.NetworkPolicy[] {
  return Object.entries(networkPolicySpecs(settings)).map(
    ([policy, spec]) =>
      new k8s.networking.v1.NetworkPolicy(`${name}-netpol-${policy}`, { metadata: { name: policy, namespace, labels: labelsFor('network') }, spec: spec as never }, { parent }),
  );
}
