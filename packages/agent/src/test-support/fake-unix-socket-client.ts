import type { UnixSocketClient } from '../system/unix-socket-client.js';

/** UnixSocketClient fake: records every request and answers from a handler. */
export class FakeUnixSocketClient implements UnixSocketClient {
  readonly requests: { socketPath: string; command: string }[] = [];

  constructor(private readonly answer: (command: string) => string = () => '\n') {}

  request(socketPath: string, command: string): Promise<string> {
    this.requests.push({ socketPath, command });
    try {
      return Promise.resolve(this.answer(command));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
