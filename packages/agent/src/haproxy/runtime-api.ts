import type { StatRow } from '../apply/load-balancer-config.js';
import type { UnixSocketClient } from '../system/unix-socket-client.js';
import { parseShowStat } from './stat-csv.js';

/** Administrative state of one server as the runtime API sets it (`set server <b>/<s> state ...`). */
export type ServerAdminState = 'ready' | 'drain' | 'maint';

/** What `set/commit/abort ssl <kind>` update: a certificate (crt-list entry or server crt), a CA or a CRL file. */
export type SslFileKind = 'certificate' | 'ca' | 'crl';

const sslKeyword: Record<SslFileKind, string> = { certificate: 'cert', ca: 'ca-file', crl: 'crl-file' };

// Absolute paths as the applier writes them (`<baseDir>/<lbId>/tls/<name>`); no spaces or CLI syntax.
const sslPathPattern = /^\/[A-Za-z0-9._/-]{1,1024}$/;

// Proxy/server names as our renderer emits them (UUIDs, `pool:listener`); anything else could smuggle CLI syntax.
const namePattern = /^[A-Za-z0-9_.:-]{1,128}$/;

/** HAProxy's runtime API on one load balancer's stats socket (`level admin`). */
export class RuntimeApi {
  constructor(
    private readonly sockets: UnixSocketClient,
    /** `<dir>/haproxy.sock`. */
    readonly socketPath: string,
    private readonly timeoutMs = 5_000,
  ) {}

  /** `show stat`: every frontend, backend, server and listener row. */
  async showStat(): Promise<StatRow[]> {
    return parseShowStat(await this.send('show stat'));
  }

  /** `show info` as key → value (e.g. `Pid`, `Uptime_sec`). */
  async showInfo(): Promise<Map<string, string>> {
    const info = new Map<string, string>();
    for (const line of (await this.send('show info')).split('\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) info.set(line.slice(0, colon), line.slice(colon + 1).trim());
    }
    return info;
  }

  /** `show servers state`, verbatim: the format `server-state-file` loads on the next start. */
  async showServersState(): Promise<string> {
    const text = await this.send('show servers state');
    if (!/^\d+\n/.test(text)) throw new Error(`show servers state: unexpected answer: ${text.slice(0, 200)}`);
    return text;
  }

  /** Absolute weight (0–256); 0 makes the server take no new traffic. */
  async setServerWeight(backend: string, server: string, weight: number): Promise<void> {
    if (!Number.isInteger(weight) || weight < 0 || weight > 256) throw new Error(`invalid weight ${weight}`);
    await this.command(`set server ${target(backend, server)} weight ${weight}`);
  }

  /** ready = in rotation, drain = finish existing sessions only, maint = out of rotation. */
  async setServerState(backend: string, server: string, state: ServerAdminState): Promise<void> {
    await this.command(`set server ${target(backend, server)} state ${state}`);
  }

  /**
   * Replaces a TLS file HAProxy loaded from `path` without a reload: `set ssl <kind> <path> <<` with the new
   * PEM content, then `commit ssl <kind> <path>` (new handshakes use it; established connections keep theirs).
   * Rejects with HAProxy's explanation when either step is refused, after aborting the open transaction.
   * HAProxy 2.6 answers "Transaction created for certificate <path>!" / "transaction created for CA|CRL
   * <path>!", then "Committing <path>[.…]\nSuccess!"; a payload larger than tune.bufsize gets no answer.
   */
  async updateSslFile(kind: SslFileKind, path: string, content: string): Promise<void> {
    if (!sslPathPattern.test(path) || path.includes('..')) {
      throw new Error(`invalid TLS file path ${JSON.stringify(path)}`);
    }
    const keyword = sslKeyword[kind];
    try {
      const created = await this.send(`set ssl ${keyword} ${path}`, content);
      if (!/transaction created for /i.test(created)) {
        throw new Error(`haproxy runtime API "set ssl ${keyword} ${path}": ${describe(created)}`);
      }
      const committed = await this.send(`commit ssl ${keyword} ${path}`);
      if (!committed.startsWith('Committing ') || !/\nSuccess!\s*$/.test(committed)) {
        throw new Error(`haproxy runtime API "commit ssl ${keyword} ${path}": ${describe(committed)}`);
      }
    } catch (error) {
      // One transaction per kind at a time: a stale one would block every later update of this kind.
      await this.send(`abort ssl ${keyword} ${path}`).catch(() => '');
      throw error;
    }
  }

  // `set ...` commands answer with an empty line on success and with an explanation otherwise.
  private async command(line: string): Promise<void> {
    const answer = (await this.send(line)).trim();
    if (answer !== '') throw new Error(`haproxy runtime API "${line}": ${answer}`);
  }

  private send(line: string, payload?: string): Promise<string> {
    return this.sockets.request(
      this.socketPath,
      line,
      payload === undefined ? { timeoutMs: this.timeoutMs } : { timeoutMs: this.timeoutMs, payload },
    );
  }
}

function describe(answer: string): string {
  const text = answer.trim();
  return text === '' ? 'no answer (payload too large for the CLI buffer?)' : text.replace(/\n+/g, ' / ');
}

function target(backend: string, server: string): string {
  if (!namePattern.test(backend)) throw new Error(`invalid backend name ${JSON.stringify(backend)}`);
  if (!namePattern.test(server)) throw new Error(`invalid server name ${JSON.stringify(server)}`);
  return `${backend}/${server}`;
}
