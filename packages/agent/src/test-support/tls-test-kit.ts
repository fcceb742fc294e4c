// Test PKI made with the `openssl` command (argv only): a CA, server and client leaves with SANs, CRLs and
// PKCS#12 bundles, for tests that drive real TLS through HAProxy with curl / openssl s_client.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const missingMessage = 'openssl not installed (apt-get install openssl)';

/** `skip` option for node:test: a reason when openssl or curl is missing, except under CI where it fails. */
export function skipWithoutTlsTools(): string | false {
  for (const [tool, args] of [
    ['openssl', ['version']],
    ['curl', ['--version']],
  ] as const) {
    if (spawnSync(tool, args, { stdio: 'ignore' }).status !== 0) {
      const message = tool === 'openssl' ? missingMessage : 'curl not installed (apt-get install curl)';
      if (process.env['CI']) throw new Error(message);
      return message;
    }
  }
  return false;
}

/** A key pair and its certificate, as PEM text and as files. */
export interface TestCert {
  name: string;
  certPem: string;
  keyPem: string;
  certPath: string;
  keyPath: string;
  /** Serial number, upper-case hex as openssl prints it. */
  serial: string;
}

/** A certificate authority that can sign leaves and CRLs. */
export interface TestCa extends TestCert {
  /** Signs a leaf: server certificates get serverAuth, client certificates clientAuth. */
  issue(
    name: string,
    opts?: { cn?: string; sans?: readonly string[]; client?: boolean; days?: number },
  ): TestCert;
  /** A CRL signed by this CA revoking `revoked` (PEM). */
  crl(revoked: readonly TestCert[]): string;
}

/** A temporary directory holding the PKI; `remove()` deletes it. */
export interface TestPki {
  dir: string;
  ca(name: string): TestCa;
  /** PKCS#12 (DER) with the leaf, its key and optional chain, no passphrase (what Octavia accepts). */
  pkcs12(leaf: TestCert, chain?: readonly TestCert[]): Buffer;
  remove(): void;
}

function openssl(args: readonly string[], cwd: string): string {
  return execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let serialCounter = 0x1000;

/** `openssl req` arguments for a new P-256 key `<name>.key` (no passphrase) and `<name>.<out>` for `/CN=<cn>`. */
function newKeyRequest(name: string, cn: string, out: 'crt' | 'csr'): string[] {
  const curve = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  return ['req', ...curve, '-keyout', `${name}.key`, '-out', `${name}.${out}`, '-subj', `/CN=${cn}`];
}

/** Creates a PKI in a fresh temp dir. */
export function testPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'lbaas-pki-'));
  const readCert = (name: string): TestCert => {
    const certPath = join(dir, `${name}.crt`);
    const keyPath = join(dir, `${name}.key`);
    const serial = openssl(['x509', '-in', certPath, '-noout', '-serial'], dir)
      .trim()
      .replace(/^serial=/, '');
    return {
      name,
      certPem: readFileSync(certPath, 'utf8'),
      keyPem: readFileSync(keyPath, 'utf8'),
      certPath,
      keyPath,
      serial,
    };
  };
  const ca = (name: string): TestCa => {
    openssl(
      [
        ...newKeyRequest(name, name, 'crt'),
        '-x509',
        '-days',
        '30',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ],
      dir,
    );
    const self = readCert(name);
    return {
      ...self,
      issue(leaf, opts = {}) {
        const cn = opts.cn ?? leaf;
        const sans = opts.sans ?? [cn];
        openssl(newKeyRequest(leaf, cn, 'csr'), dir);
        const ext = [
          'basicConstraints=CA:FALSE',
          `extendedKeyUsage=${opts.client ? 'clientAuth' : 'serverAuth'}`,
          ...(opts.client
            ? []
            : [
                `subjectAltName=${sans.map((s) => (/^[0-9.:]+$/.test(s) ? `IP:${s}` : `DNS:${s}`)).join(',')}`,
              ]),
        ].join('\n');
        writeFileSync(join(dir, `${leaf}.ext`), `${ext}\n`);
        serialCounter += 1;
        openssl(
          [
            'x509',
            '-req',
            '-in',
            `${leaf}.csr`,
            '-CA',
            `${name}.crt`,
            '-CAkey',
            `${name}.key`,
            '-set_serial',
            `0x${serialCounter.toString(16)}`,
            '-days',
            String(opts.days ?? 30),
            '-extfile',
            `${leaf}.ext`,
            '-out',
            `${leaf}.crt`,
          ],
          dir,
        );
        return readCert(leaf);
      },
      crl(revoked) {
        // A minimal `openssl ca` database: index.txt lines "R <expiry> <revoked at> <serial> unknown <dn>".
        const db = join(dir, `${name}-crl`);
        rmSync(db, { recursive: true, force: true });
        execFileSync('mkdir', ['-p', db]);
        const when = '250101000000Z';
        writeFileSync(
          join(db, 'index.txt'),
          revoked.map((c) => `R\t351231000000Z\t${when}\t${c.serial}\tunknown\t/CN=${c.name}\n`).join(''),
        );
        writeFileSync(join(db, 'crlnumber'), '01\n');
        writeFileSync(
          join(db, 'ca.cnf'),
          [
            '[ca]',
            'default_ca = test_ca',
            '[test_ca]',
            `database = ${join(db, 'index.txt')}`,
            `crlnumber = ${join(db, 'crlnumber')}`,
            'default_md = sha256',
            'default_crl_days = 30',
            '',
          ].join('\n'),
        );
        const out = join(db, 'crl.pem');
        openssl(
          [
            'ca',
            '-gencrl',
            '-config',
            join(db, 'ca.cnf'),
            '-keyfile',
            `${name}.key`,
            '-cert',
            `${name}.crt`,
            '-out',
            out,
          ],
          dir,
        );
        return readFileSync(out, 'utf8');
      },
    };
  };
  return {
    dir,
    ca,
    pkcs12(leaf, chain = []) {
      const out = join(dir, `${leaf.name}.p12`);
      const args = [
        'pkcs12',
        '-export',
        '-inkey',
        leaf.keyPath,
        '-in',
        leaf.certPath,
        '-passout',
        'pass:',
        '-out',
        out,
      ];
      if (chain.length > 0) {
        const chainPath = join(dir, `${leaf.name}-chain.pem`);
        writeFileSync(chainPath, chain.map((c) => c.certPem).join(''));
        args.push('-certfile', chainPath);
      }
      openssl(args, dir);
      return readFileSync(out);
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a command with `input` on stdin; resolves with stdout whatever the exit status (bounded: 8 s). */
function runWithInput(cmd: string, args: readonly string[], input: string): Promise<string> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { timeout: 8_000, encoding: 'utf8' }, (_e, out) => resolve(out));
    child.stdin?.end(input);
  });
}

/**
 * Subject and serial (upper-case hex) of the certificate a TLS server presents for `servername`, from
 * `openssl s_client -showcerts` (not `-brief`: on OpenSSL 3 that hides the PEM output). Asynchronous, so
 * servers in the test process keep answering meanwhile.
 */
export async function servedCertificate(
  host: string,
  port: number,
  servername: string | undefined,
): Promise<{ subject: string; serial: string } | undefined> {
  const args = ['s_client', '-connect', `${host}:${port}`, '-showcerts'];
  if (servername !== undefined) args.push('-servername', servername);
  const hello = await runWithInput('openssl', args, '');
  const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(hello)?.[0];
  if (pem === undefined) return undefined;
  const info = await runWithInput('openssl', ['x509', '-noout', '-subject', '-serial'], pem);
  const subject = /subject=\s*(.*)/.exec(info)?.[1]?.trim() ?? '';
  const serial = /serial=(\S+)/.exec(info)?.[1] ?? '';
  return { subject, serial };
}
