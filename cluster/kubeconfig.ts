// Kubeconfigs with the certificates embedded, so the file can be copied or handed to Pulumi as a value.
import fs from 'node:fs';
import { stringify } from 'yaml';

export const CONTEXT_NAME = 'zhengyun-local';

const b64 = (file: string) => fs.readFileSync(file).toString('base64');

export function kubeconfigYaml(server: string, caCert: string, clientCert: string, clientKey: string, user: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: CONTEXT_NAME, cluster: { server, 'certificate-authority-data': b64(caCert) } }],
    users: [{ name: user, user: { 'client-certificate-data': b64(clientCert), 'client-key-data': b64(clientKey) } }],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user } }],
    'current-context': CONTEXT_NAME,
    preferences: {},
  });
}

export function writeKubeconfig(file: string, ...args: Parameters<typeof kubeconfigYaml>): void {
  fs.writeFileSync(file, kubeconfigYaml(...args), { mode: 0o600 });
}
