import { connect } from 'node:net';

/** Options of one request. */
export interface UnixSocketRequestOptions {
  timeoutMs?: number;
  /**
   * HAProxy CLI payload (`<command> <<` followed by the payload's lines and an empty line). It must not
   * contain an empty line or a carriage return: an empty line ends the payload, and what followed would be
   * read as further commands. A trailing newline is ignored.
   */
  payload?: string;
}

/** Sends one command line to a unix stream socket and returns everything received until the peer closes. */
export interface UnixSocketClient {
  request(socketPath: string, command: string, options?: UnixSocketRequestOptions): Promise<string>;
}

// HAProxy answers `show stat` for thousands of servers in a few MB; anything far beyond is a bug.
const maxResponseBytes = 64 * 1024 * 1024;

/** UnixSocketClient over node:net (HAProxy's stats and master CLI: non-interactive, one command per connection). */
export class NodeUnixSocketClient implements UnixSocketClient {
  request(socketPath: string, command: string, options: UnixSocketRequestOptions = {}): Promise<string> {
    // A newline would let a caller smuggle a second command into the same session.
    if (/[\r\n]/.test(command)) return Promise.reject(new Error('socket command must be a single line'));
    let text = `${command}\n`;
    if (options.payload !== undefined) {
      const payload = options.payload.replace(/\n$/, '');
      if (payload === '' || /\r|\n\n|^\n/.test(payload)) {
        return Promise.reject(new Error('socket payload must be non-empty lines without an empty line'));
      }
      text = `${command} <<\n${payload}\n\n`;
    }
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
      socket.on('connect', () => socket.end(text));
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
