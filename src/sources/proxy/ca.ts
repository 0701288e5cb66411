import 'reflect-metadata';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

/**
 * The local certificate authority of forward mode: created on first use, its key readable by the owner only.
 * ECDSA P-256 keeps key generation and per-host signing in the millisecond range.
 */

const crypto = webcrypto as unknown as Crypto;
x509.cryptoProvider.set(crypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const CERT_FILE = 'authtrail-ca.pem';
const KEY_FILE = 'authtrail-ca.key';
const DAY = 86_400_000;

export interface CaFiles {
  dir: string;
  certPath: string;
  keyPath: string;
}

export interface CertificateAuthority extends CaFiles {
  certPem: string;
  /** true when this call created the CA (first use). */
  created: boolean;
  /** PEM certificate and key for `host`, signed by this CA; cached per host. */
  leafFor(host: string): Promise<{ cert: string; key: string }>;
}

/** `~/.authtrail/ca`, or `$AUTHTRAIL_HOME/ca` (where the sanitizer's key lives too, see sanitize/key.ts). */
export function defaultCaDir(): string {
  return join(process.env.AUTHTRAIL_HOME ?? join(homedir(), '.authtrail'), 'ca');
}

export function caFiles(dir: string = defaultCaDir()): CaFiles {
  return { dir, certPath: join(dir, CERT_FILE), keyPath: join(dir, KEY_FILE) };
}

/** Loads the CA in `dir`, creating it (directory 0700, key 0600) when it does not exist yet. */
export async function loadOrCreateCa(dir: string = defaultCaDir(), commonName = 'authtrail local CA'): Promise<CertificateAuthority> {
  const files = caFiles(dir);
  let created = false;
  if (!existsSync(files.certPath) || !existsSync(files.keyPath)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const keys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerial(),
      name: `CN=${commonName}, O=authtrail`,
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + 5 * 365 * DAY),
      signingAlgorithm: ALG,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    writeFileSync(files.keyPath, await privateKeyPem(keys.privateKey), { mode: 0o600 });
    chmodSync(files.keyPath, 0o600);
    writeFileSync(files.certPath, cert.toString('pem'), { mode: 0o644 });
    created = true;
  }
  const certPem = readFileSync(files.certPath, 'utf8');
  const caCert = new x509.X509Certificate(certPem);
  const caKey = await crypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(readFileSync(files.keyPath, 'utf8')),
    ALG,
    false,
    ['sign'],
  );
  return { ...files, certPem, created, leafFor: leafIssuer(caCert, caKey) };
}

/** One key pair for every leaf (as mockttp does): only the certificate differs per host. */
function leafIssuer(caCert: x509.X509Certificate, caKey: CryptoKey): CertificateAuthority['leafFor'] {
  const cache = new Map<string, Promise<{ cert: string; key: string }>>();
  let leafKeys: Promise<{ pair: CryptoKeyPair; pem: string }> | null = null;
  return (host) => {
    const name = host.toLowerCase();
    let leaf = cache.get(name);
    if (!leaf) {
      leafKeys ??= (async () => {
        const pair = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
        return { pair, pem: await privateKeyPem(pair.privateKey) };
      })();
      leaf = leafKeys.then(async ({ pair, pem }) => {
        const cert = await x509.X509CertificateGenerator.create({
          serialNumber: randomSerial(),
          subject: `CN=${name}`,
          issuer: caCert.subject,
          notBefore: new Date(Date.now() - DAY),
          notAfter: new Date(Date.now() + 45 * DAY),
          signingAlgorithm: ALG,
          publicKey: pair.publicKey,
          signingKey: caKey,
          extensions: [
            new x509.BasicConstraintsExtension(false, undefined, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
            new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
            new x509.SubjectAlternativeNameExtension([{ type: isIP(name) ? 'ip' : 'dns', value: name }]),
            await x509.AuthorityKeyIdentifierExtension.create(caCert),
          ],
        });
        return { cert: `${cert.toString('pem')}\n${caCert.toString('pem')}\n`, key: pem };
      });
      leaf.catch(() => cache.delete(name));
      cache.set(name, leaf);
    }
    return leaf;
  };
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = await crypto.subtle.exportKey('pkcs8', key);
  return `${x509.PemConverter.encode(der, 'PRIVATE KEY')}\n`;
}

/** Positive 16-byte serial (the top bit cleared so DER does not read it as negative). */
function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = bytes[0]! & 0x7f;
  return Buffer.from(bytes).toString('hex');
}
