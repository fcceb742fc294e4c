import type { UnixSocketClient, UnixSocketRequestOptions } from '../system/unix-socket-client.js';

/** UnixSocketClient fake: records every request and answers from a handler. */
export class FakeUnixSocketClient implements UnixSocketClient {
  readonly requests: { socketPath: string; command: string; payload?: string }[] = [];

  constructor(private readonly answer: (command: string) => string = () => '\n') {}

  request(socketPath: string, command: string, options: UnixSocketRequestOptions = {}): Promise<string> {
    this.requests.push(
      options.payload === undefined
        ? { socketPath, command }
        : { socketPath, command, payload: options.payload },
    );
    try {
      return Promise.resolve(this.answer(command));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
