import type { AgentConfigFile } from '@lbaas/contract';
import type { RenderedFile } from '@lbaas/core';
import { createHash } from 'node:crypto';
import type { SealedFiles } from './ports.js';
import type { SecretCipher } from './secret-crypto.js';

/** sha256 (hex) of the rendered files (names, kinds, contents); '' when there are none. */
export function filesDigest(files: readonly RenderedFile[]): string {
  if (files.length === 0) return '';
  const h = createHash('sha256');
  for (const f of files)
    h.update(f.name).update('\0').update(f.kind).update('\0').update(f.content).update('\0');
  return h.digest('hex');
}

/**
 * Seals and opens the files of a placement (they contain private keys) with the key manager's cipher; the
 * load balancer id is the authenticated data, so a blob copied onto another placement does not open.
 */
export class PlacementFiles {
  constructor(private readonly cipher: SecretCipher) {}

  seal(loadBalancerId: string, files: readonly RenderedFile[]): SealedFiles | null {
    if (files.length === 0) return null;
    const plaintext = Buffer.from(JSON.stringify(files), 'utf8');
    return { digest: filesDigest(files), sealed: this.cipher.encrypt(aad(loadBalancerId), plaintext) };
  }

  open(loadBalancerId: string, sealed: SealedFiles | null): AgentConfigFile[] {
    if (sealed === null) return [];
    const text = this.cipher.decrypt(aad(loadBalancerId), sealed.sealed).toString('utf8');
    return JSON.parse(text) as AgentConfigFile[];
  }
}

function aad(loadBalancerId: string): string {
  return `lb_placements.tls_files:${loadBalancerId}`;
}
