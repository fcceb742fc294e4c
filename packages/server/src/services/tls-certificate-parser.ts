import type { TlsCertificateMaterial } from '@lbaas/core';
import { createPrivateKey, verify, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

/** A certificate bundle that cannot be used (message for logs/tests; the API answers with Octavia's text). */
export class CertificateParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateParseError';
  }
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)\r?\n?-----END \1-----/g;

/** The PEM blocks of `text` of one label family, re-wrapped canonically (64 columns, `\n`, no blank lines). */
export function pemBlocks(text: string, labels: readonly string[]): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    const label = m[1] ?? '';
    if (!labels.includes(label)) continue;
    const body = (m[2] ?? '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw new CertificateParseError(`malformed ${label} block`);
    const lines = body.match(/.{1,64}/g) ?? [];
    out.push(`-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`);
  }
  return out;
}

function parseCertificate(pem: string, what: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (error) {
    throw new CertificateParseError(`${what} is not a valid x509 PEM certificate: ${message(error)}`);
  }
}

/** Leaf + key must belong together; the key is re-exported unencrypted (HAProxy cannot prompt for it). */
function material(leafPem: string, key: KeyObject, intermediates: readonly string[]): TlsCertificateMaterial {
  const leaf = parseCertificate(leafPem, 'the certificate');
  if (!leaf.checkPrivateKey(key))
    throw new CertificateParseError('the private key does not match the certificate');
  for (const pem of intermediates) parseCertificate(pem, 'an intermediate');
  return {
    certificate: leaf.toString(),
    privateKey: String(key.export({ type: 'pkcs8', format: 'pem' })),
    intermediates: intermediates.map((pem) => parseCertificate(pem, 'an intermediate').toString()),
  };
}

const KEY_LABELS = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY'];

/** A certificate container's parts (Barbican `certificate`, `private_key`, `intermediates`, passphrase). */
export function certificateFromPem(parts: {
  certificate: string;
  private_key: string | undefined;
  intermediates: string | undefined;
  private_key_passphrase: string | undefined;
}): TlsCertificateMaterial {
  const [leaf, ...extra] = pemBlocks(parts.certificate, ['CERTIFICATE']);
  if (leaf === undefined) throw new CertificateParseError('the certificate holds no PEM certificate');
  const keyPem = pemBlocks(parts.private_key ?? '', KEY_LABELS)[0];
  if (keyPem === undefined) throw new CertificateParseError('the container has no PEM private key');
  let key: KeyObject;
  try {
    key = createPrivateKey(
      parts.private_key_passphrase === undefined
        ? keyPem
        : { key: keyPem, passphrase: parts.private_key_passphrase },
    );
  } catch (error) {
    throw new CertificateParseError(`the private key cannot be read: ${message(error)}`);
  }
  // Octavia accepts chains pasted after the leaf in `certificate` as well as an `intermediates` secret.
  return material(leaf, key, [...extra, ...pemBlocks(parts.intermediates ?? '', ['CERTIFICATE'])]);
}

const CERT_BAG = String(forge.pki.oids['certBag']);
const SHROUDED_KEY_BAG = String(forge.pki.oids['pkcs8ShroudedKeyBag']);
const KEY_BAG = String(forge.pki.oids['keyBag']);

function bags(p12: forge.pkcs12.Pkcs12Pfx, type: string): forge.pkcs12.Bag[] {
  return p12.getBags({ bagType: type })[type] ?? [];
}

/** A PKCS#12 bundle without passphrase (Octavia's preferred `default_tls_container_ref` secret). */
export function certificateFromPkcs12(der: Buffer): TlsCertificateMaterial {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString('binary')), '');
  } catch (error) {
    throw new CertificateParseError(message(error));
  }
  const certs = bags(p12, CERT_BAG)
    .map((b) => toPem(b, 'CERTIFICATE'))
    .filter((p): p is string => p !== undefined);
  const keyBags = [...bags(p12, SHROUDED_KEY_BAG), ...bags(p12, KEY_BAG)];
  const keyPem = keyBags.map((b) => toPem(b, 'PRIVATE KEY')).find((p) => p !== undefined);
  if (keyPem === undefined) throw new CertificateParseError('the bundle holds no private key');
  if (certs.length === 0) throw new CertificateParseError('the bundle holds no certificate');
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch (error) {
    throw new CertificateParseError(`the private key cannot be read: ${message(error)}`);
  }
  // The leaf is the certificate whose key is in the bundle; the others form the chain.
  const leafIndex = certs.findIndex((c) => parseCertificate(c, 'a certificate').checkPrivateKey(key));
  if (leafIndex < 0) throw new CertificateParseError('no certificate in the bundle matches its private key');
  const leaf = certs[leafIndex] ?? '';
  return material(
    leaf,
    key,
    certs.filter((_, i) => i !== leafIndex),
  );
}

/** PEM of a PKCS#12 bag: forge decodes RSA keys and certificates; other key types stay as ASN.1. */
function toPem(bag: forge.pkcs12.Bag, label: 'CERTIFICATE' | 'PRIVATE KEY'): string | undefined {
  if (label === 'CERTIFICATE') {
    if (bag.cert) return forge.pki.certificateToPem(bag.cert);
    return bag.asn1 ? asn1Pem(forge.asn1.toDer(bag.asn1).getBytes(), 'CERTIFICATE') : undefined;
  }
  if (bag.key)
    return forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)));
  // EC keys: forge leaves the PrivateKeyInfo ASN.1 undecoded in `asn1`.
  return bag.asn1 ? asn1Pem(forge.asn1.toDer(bag.asn1).getBytes(), 'PRIVATE KEY') : undefined;
}

function asn1Pem(binary: string, label: string): string {
  const lines =
    Buffer.from(binary, 'binary')
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** A CA bundle: one or more PEM certificates, normalized; throws when there is none or one is invalid. */
export function caBundleFromPem(text: string): string {
  const blocks = pemBlocks(text, ['CERTIFICATE']);
  if (blocks.length === 0) throw new CertificateParseError('no PEM certificate found');
  return blocks.map((b) => parseCertificate(b, 'a CA certificate').toString()).join('');
}

/** A CRL in PEM: well-formed X509 CRL blocks (DER SEQUENCE), normalized. */
export function crlFromPem(text: string): string {
  const blocks = pemBlocks(text, ['X509 CRL']);
  if (blocks.length === 0) throw new CertificateParseError('no PEM certificate revocation list found');
  for (const block of blocks) {
    const der = Buffer.from(block.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    try {
      forge.asn1.fromDer(der.toString('binary'));
    } catch (error) {
      throw new CertificateParseError(`malformed CRL: ${message(error)}`);
    }
  }
  return blocks.join('');
}

const SIGNATURE_HASHES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

/** True when every CRL block of `crlPem` is signed by the (first) certificate of `caPem` (Octavia's check). */
export function crlSignedBy(crlPem: string, caPem: string): boolean {
  const ca = parseCertificate(caPem, 'the CA');
  return pemBlocks(crlPem, ['X509 CRL']).every((block) => {
    const der = Buffer.from(block.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    try {
      // CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }
      const seq = forge.asn1.fromDer(der.toString('binary'), {
        decodeBitStrings: false,
      } as unknown as boolean); // @types/node-forge lacks the options form
      const [tbs, algorithm, signature] = seq.value as forge.asn1.Asn1[];
      const oidNode = (algorithm?.value as forge.asn1.Asn1[] | undefined)?.[0];
      const hash = oidNode ? SIGNATURE_HASHES[forge.asn1.derToOid(oidNode.value as string)] : undefined;
      if (!tbs || !signature || hash === undefined) return false;
      const tbsDer = Buffer.from(forge.asn1.toDer(tbs).getBytes(), 'binary');
      const sig = Buffer.from((signature.value as string).slice(1), 'binary'); // drop the unused-bits byte
      return verify(hash, tbsDer, ca.publicKey, sig);
    } catch {
      return false;
    }
  });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
