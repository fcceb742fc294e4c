import { resolveCloudConfig } from './cloud-config.js';
import type { GlobalFlags } from './global-options.js';
import { HttpApiClient } from './http-api-client.js';
import type { DebugSink } from './http-debug.js';
import { tokenCacheDir } from './token-cache.js';

/** What createClient needs from the process: stderr (for --debug) and, optionally, the working directory. */
export interface ClientIo {
  stderr: DebugSink;
  cwd?: string;
}

/**
 * The client of the cloud the global options, OS_* env vars and clouds.yaml select (resolveCloudConfig).
 * Configuration errors throw here; authentication happens lazily on the first request.
 */
export async function createClient(
  flags: GlobalFlags,
  env: Readonly<Record<string, string | undefined>>,
  io: ClientIo,
): Promise<HttpApiClient> {
  const cfg = resolveCloudConfig(flags, env, io.cwd === undefined ? {} : { cwd: io.cwd });
  return Promise.resolve(
    new HttpApiClient(cfg, { tokenCacheDir: tokenCacheDir(env), debug: flags.debug ? io.stderr : undefined }),
  );
}
