// Command lines of etcd, kube-apiserver and kube-controller-manager for the local control plane.
import path from 'node:path';
import type { ClusterLayout } from './layout.js';
import { SERVICE_CIDR, type Pki } from './pki.js';

export interface Ports {
  apiserver: number;
  etcdClient: number;
  etcdPeer: number;
}

/** etcd on loopback only, plain HTTP (as envtest runs it); `--unsafe-no-fsync` when CLUSTER_ETCD_NO_FSYNC=true */
export function etcdArgs(layout: ClusterLayout, ports: Ports): string[] {
  const client = `http://127.0.0.1:${ports.etcdClient}`;
  const peer = `http://127.0.0.1:${ports.etcdPeer}`;
  return [
    '--name=zhengyun',
    `--data-dir=${layout.etcdData}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=zhengyun=${peer}`,
    '--initial-cluster-state=new',
    ...(process.env.CLUSTER_ETCD_NO_FSYNC === 'true' ? ['--unsafe-no-fsync'] : []),
  ];
}

/** the admission plugins named explicitly (the defaults stay on as well) */
export const ADMISSION_PLUGINS = ['NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'ResourceQuota', 'PodSecurity'];

export function apiserverArgs(layout: ClusterLayout, pki: Pki, ports: Ports): string[] {
  return [
    `--etcd-servers=http://127.0.0.1:${ports.etcdClient}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    // a loopback address cannot be published as the `kubernetes` Service's endpoint; nothing in-cluster needs it
    '--endpoint-reconciler-type=none',
    `--secure-port=${ports.apiserver}`,
    `--cert-dir=${path.join(layout.root, 'apiserver-certs')}`,
    `--tls-cert-file=${pki.apiserverCert}`,
    `--tls-private-key-file=${pki.apiserverKey}`,
    `--client-ca-file=${pki.caCert}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${pki.saPub}`,
    `--service-account-signing-key-file=${pki.saKey}`,
    `--service-cluster-ip-range=${SERVICE_CIDR}`,
    '--authorization-mode=Node,RBAC',
    `--enable-admission-plugins=${ADMISSION_PLUGINS.join(',')}`,
    // privileged pods are allowed cluster-wide, so that refusing them is PodSecurity's doing per namespace
    '--allow-privileged=true',
    '--profiling=false',
  ];
}

/**
 * The controllers that need no kubelet and that the API server's behaviour depends on:
 *   namespace (namespace deletion finishes), serviceaccount (the `default` ServiceAccount that the ServiceAccount
 *   admission plugin requires before any pod is admitted), serviceaccount-token, resourcequota (status.used, without
 *   which quota admission refuses every pod: "status unknown for quota"), garbage-collector (ownerReferences),
 *   clusterrole-aggregation (the rules of admin/edit/view), root-ca-certificate-publisher (kube-root-ca.crt).
 */
export const CONTROLLERS = [
  'namespace-controller',
  'serviceaccount-controller',
  'serviceaccount-token-controller',
  'resourcequota-controller',
  'garbage-collector-controller',
  'clusterrole-aggregation-controller',
  'root-ca-certificate-publisher-controller',
];

export function controllerManagerArgs(layout: ClusterLayout, pki: Pki): string[] {
  return [
    `--kubeconfig=${layout.controllerManagerKubeconfig}`,
    `--controllers=${CONTROLLERS.join(',')}`,
    '--use-service-account-credentials=true',
    `--service-account-private-key-file=${pki.saKey}`,
    `--root-ca-file=${pki.caCert}`,
    '--leader-elect=false',
    // no HTTPS endpoint of its own: nothing here scrapes it
    '--secure-port=0',
  ];
}
