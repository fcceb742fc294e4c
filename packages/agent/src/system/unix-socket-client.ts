import { connect } from 'node:net';

/** Sends one command line to a unix stream socket and returns everything received until the peer closes. */
export interface UnixSocketClient {
  request(socketPath: string, command: string, options?: { timeoutMs?: number }): Promise<string>;
}

// HAProxy answers `show stat` for thousands of servers in a few MB; anything far beyond is a bug.
const maxResponseBytes = 64 * 1024 * 1024;

/** UnixSocketClient over node:net (HAProxy's stats and master CLI: non-interactive, one command per connection). */
export class NodeUnixSocketClient implements UnixSocketClient {
  request(socketPath: string, command: string, options: { timeoutMs?: number } = {}): Promise<string> {
    // A newline would let a caller smuggle a second command into the same session.
    if (/[\r\n]/.test(command)) return Promise.reject(new Error('socket command must be a single line'));
    const timeoutMs = options.timeoutMs ?? 5_000;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      let settled = false;
      const socket = connect(socketPath);
      const finish = (error?: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        if (error) reject(error);
        else resolve(Buffer.concat(chunks).toString('utf8'));
      };
      const timer = setTimeout(
        () => finish(new Error(`${socketPath}: no complete answer to "${command}" within ${timeoutMs} ms`)),
        timeoutMs,
      );
      socket.on('connect', () => socket.end(`${command}\n`));
      socket.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > maxResponseBytes)
          finish(new Error(`${socketPath}: answer larger than ${maxResponseBytes} bytes`));
        else chunks.push(chunk);
      });
      socket.on('error', (error) => finish(error));
      socket.on('close', () => finish());
    });
  }
}
