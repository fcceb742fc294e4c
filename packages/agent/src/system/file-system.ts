import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file operations the agent needs; paths are absolute. */
export interface FileSystem {
  /** mkdir -p, with the given mode for directories it creates (default 0o700). */
  mkdirp(path: string, mode?: number): Promise<void>;
  /** Writes a temp file next to `path`, fsyncs it and renames it over `path`: readers see old or new, never half. */
  writeFileAtomic(path: string, content: string, mode?: number): Promise<void>;
  /** The file's text, or undefined when it does not exist. */
  readText(path: string): Promise<string | undefined>;
  /** rename(2): atomic replacement within one filesystem. */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; no-op when absent. */
  removeFile(path: string): Promise<void>;
  /** rm -rf; no-op when absent. */
  removeDir(path: string): Promise<void>;
  /** Names of the sub-directories of `path` ([] when `path` does not exist). */
  listDirs(path: string): Promise<string[]>;
  /** Names of the regular files in `path` ([] when `path` does not exist). */
  listFiles(path: string): Promise<string[]>;
  exists(path: string): Promise<boolean>;
}

/** FileSystem over node:fs/promises. */
export class NodeFileSystem implements FileSystem {
  async mkdirp(path: string, mode = 0o700): Promise<void> {
    await mkdir(path, { recursive: true, mode });
  }

  async writeFileAtomic(path: string, content: string, mode = 0o600): Promise<void> {
    const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'wx', mode);
      try {
        await handle.writeFile(content, 'utf8');
        // Without fsync a crash right after rename can leave an empty file under the final name.
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async readText(path: string): Promise<string | undefined> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async rename(from: string, to: string): Promise<void> {
    await rename(from, to);
  }

  async removeFile(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  async removeDir(path: string): Promise<void> {
    await rm(path, { recursive: true, force: true });
  }

  async listDirs(path: string): Promise<string[]> {
    return (await this.entries(path)).filter((e) => e.isDirectory()).map((e) => e.name);
  }

  async listFiles(path: string): Promise<string[]> {
    return (await this.entries(path)).filter((e) => e.isFile()).map((e) => e.name);
  }

  private async entries(path: string): Promise<Dirent[]> {
    try {
      return await readdir(path, { withFileTypes: true });
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }

  async exists(path: string): Promise<boolean> {
    try {
      await stat(path);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
