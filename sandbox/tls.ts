// The sandbox's own certificate authority and a serving certificate for
// 127.0.0.1/localhost, so clients verify TLS as against a real cluster.
// Keys come from node:crypto (fast, native); node-forge builds the
// certificates. With a state dir they are kept and reused across restarts.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

export interface TTlsMaterial {
  caCert: string;
  caKey: string;
  cert: string;
  key: string;
}

const memory = new Map<string, TTlsMaterial>();
const FILES = { caCert: 'ca.crt', caKey: 'ca.key', cert: 'server.crt', key: 'server.key' } as const;
const DAY_MS = 86_400_000;

function rsaKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return {
    pem,
    privateKey: forge.pki.privateKeyFromPem(pem),
    publicKey: forge.pki.publicKeyFromPem(
      publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ),
  };
}

function baseCert(publicKey: forge.pki.PublicKey, years: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + years * 365 * DAY_MS);
  return cert;
}

export function generateTls(): TTlsMaterial {
  const ca = rsaKeys();
  const caCert = baseCert(ca.publicKey, 10);
  const caSubject = [{ name: 'commonName', value: 'helmdeck-sandbox-ca' }];
  caCert.setSubject(caSubject);
  caCert.setIssuer(caSubject);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const server = rsaKeys();
  const cert = baseCert(server.publicKey, 2);
  cert.setSubject([{ name: 'commonName', value: 'kube-apiserver' }]);
  cert.setIssuer(caSubject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
        { type: 2, value: 'kubernetes.default.svc' },
      ],
    },
  ]);
  cert.sign(ca.privateKey, forge.md.sha256.create());
  return {
    caCert: forge.pki.certificateToPem(caCert),
    caKey: ca.pem,
    cert: forge.pki.certificateToPem(cert),
    key: server.pem,
  };
}

function stillValid(material: TTlsMaterial): boolean {
  try {
    const cert = forge.pki.certificateFromPem(material.cert);
    return cert.validity.notAfter.getTime() > Date.now() + 7 * DAY_MS;
  } catch {
    return false;
  }
}

/** TLS material for a state dir (kept in `<dir>/tls`), or one per process without a dir. */
export function loadOrCreateTls(stateDir?: string): TTlsMaterial {
  const cacheKey = stateDir ? path.resolve(stateDir) : '';
  const cached = memory.get(cacheKey);
  if (cached && stillValid(cached)) return cached;
  const dir = stateDir ? path.join(stateDir, 'tls') : undefined;
  if (dir && Object.values(FILES).every((f) => existsSync(path.join(dir, f)))) {
    const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
    const material = {
      caCert: read(FILES.caCert),
      caKey: read(FILES.caKey),
      cert: read(FILES.cert),
      key: read(FILES.key),
    };
    if (stillValid(material)) {
      memory.set(cacheKey, material);
      return material;
    }
  }
  const material = generateTls();
  if (dir) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const [field, file] of Object.entries(FILES)) {
      const tmp = path.join(dir, `${file}.${process.pid}.tmp`);
      writeFileSync(tmp, material[field as keyof TTlsMaterial], { mode: 0o600 });
      renameSync(tmp, path.join(dir, file));
    }
  }
  memory.set(cacheKey, material);
  return material;
}
