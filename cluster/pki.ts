// Certificates and keys for the local control plane, made once with openssl (Debian's) and node:crypto and kept
// under DATA_DIR/cluster/pki so that kubeconfigs stay valid across restarts:
//   ca            self-signed CA, signs everything below and is the API server's client CA
//   apiserver     serving certificate for 127.0.0.1, localhost and the in-cluster kubernetes service names
//   admin         client certificate CN=zhengyun-admin, O=system:masters (the admin kubeconfig)
//   controller-manager  client certificate CN=system:kube-controller-manager (RBAC bootstrap identity)
//   sa.key/sa.pub service-account token signing key pair
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** the first address of the service CIDR, which the API server's certificate must name */
export const SERVICE_CIDR = '10.96.0.0/12';
const KUBERNETES_SERVICE_IP = '10.96.0.1';

export interface Pki {
  dir: string;
  caCert: string;
  caKey: string;
  apiserverCert: string;
  apiserverKey: string;
  adminCert: string;
  adminKey: string;
  controllerManagerCert: string;
  controllerManagerKey: string;
  saKey: string;
  saPub: string;
}

export function pkiPaths(dir: string): Pki {
  const p = (f: string) => path.join(dir, f);
  return {
    dir,
    caCert: p('ca.crt'),
    caKey: p('ca.key'),
    apiserverCert: p('apiserver.crt'),
    apiserverKey: p('apiserver.key'),
    adminCert: p('admin.crt'),
    adminKey: p('admin.key'),
    controllerManagerCert: p('controller-manager.crt'),
    controllerManagerKey: p('controller-manager.key'),
    saKey: p('sa.key'),
    saPub: p('sa.pub'),
  };
}

function openssl(args: string[]): void {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: Buffer; code?: string };
    if (err.code === 'ENOENT') throw new Error('openssl is not installed (apt-get install -y openssl)');
    throw new Error(`openssl ${args[0]} failed: ${err.stderr?.toString() ?? String(e)}`);
  }
}

function ecKey(file: string): void {
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file]);
  fs.chmodSync(file, 0o600);
}

interface Subject {
  cn: string;
  o?: string;
}

function config(subject: Subject, ext: string[]): string {
  const dn = [`CN = ${subject.cn}`, ...(subject.o ? [`O = ${subject.o}`] : [])];
  return ['[req]', 'distinguished_name = dn', 'prompt = no', '[dn]', ...dn, '[ext]', ...ext, ''].join('\n');
}

function withConfig<T>(dir: string, text: string, fn: (cnf: string) => T): T {
  const cnf = path.join(dir, `.${randomBytes(4).toString('hex')}.cnf`);
  fs.writeFileSync(cnf, text);
  try {
    return fn(cnf);
  } finally {
    fs.rmSync(cnf, { force: true });
  }
}

function makeCa(pki: Pki): void {
  ecKey(pki.caKey);
  const ext = ['basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign,digitalSignature', 'subjectKeyIdentifier = hash'];
  withConfig(pki.dir, config({ cn: 'zhengyun-local-ca' }, ext), (cnf) =>
    openssl(['req', '-x509', '-new', '-key', pki.caKey, '-config', cnf, '-extensions', 'ext', '-sha256', '-days', '3650', '-out', pki.caCert]),
  );
}

function makeLeaf(pki: Pki, cert: string, key: string, subject: Subject, usage: 'serverAuth' | 'clientAuth', sans: string[] = []): void {
  ecKey(key);
  const ext = [
    'basicConstraints = critical,CA:FALSE',
    'keyUsage = critical,digitalSignature,keyEncipherment',
    `extendedKeyUsage = ${usage}`,
    'authorityKeyIdentifier = keyid',
    ...(sans.length ? [`subjectAltName = ${sans.join(',')}`] : []),
  ];
  const csr = `${cert}.csr`;
  withConfig(pki.dir, config(subject, ext), (cnf) => {
    openssl(['req', '-new', '-key', key, '-config', cnf, '-out', csr]);
    openssl([
      'x509', '-req', '-in', csr, '-CA', pki.caCert, '-CAkey', pki.caKey, '-set_serial', `0x${randomBytes(16).toString('hex')}`,
      '-sha256', '-days', '825', '-extfile', cnf, '-extensions', 'ext', '-out', cert,
    ]);
  });
  fs.rmSync(csr, { force: true });
}

function makeServiceAccountKeys(pki: Pki): void {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(pki.saKey, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  fs.writeFileSync(pki.saPub, publicKey.export({ type: 'spki', format: 'pem' }));
}

/** Creates whatever is missing (all of it on a first `up`); returns the paths. */
export function ensurePki(dir: string): Pki {
  const pki = pkiPaths(dir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fresh = !fs.existsSync(pki.caCert) || !fs.existsSync(pki.caKey);
  if (fresh) makeCa(pki);
  const need = (f: string) => fresh || !fs.existsSync(f);
  if (need(pki.apiserverCert)) {
    const dns = ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'];
    const sans = [...dns.map((d) => `DNS:${d}`), 'IP:127.0.0.1', `IP:${KUBERNETES_SERVICE_IP}`];
    makeLeaf(pki, pki.apiserverCert, pki.apiserverKey, { cn: 'kube-apiserver' }, 'serverAuth', sans);
  }
  if (need(pki.adminCert)) makeLeaf(pki, pki.adminCert, pki.adminKey, { cn: 'zhengyun-admin', o: 'system:masters' }, 'clientAuth');
  if (need(pki.controllerManagerCert)) {
    makeLeaf(pki, pki.controllerManagerCert, pki.controllerManagerKey, { cn: 'system:kube-controller-manager' }, 'clientAuth');
  }
  if (!fs.existsSync(pki.saKey) || !fs.existsSync(pki.saPub)) makeServiceAccountKeys(pki);
  return pki;
}
