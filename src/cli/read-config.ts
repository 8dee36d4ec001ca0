/**
 * The config text from a file or stdin, refused past MAX_CONFIG_BYTES: a regular file by its
 * size before a byte is read, anything else (stdin, a pipe, `/dev/zero`) as soon as it has
 * given more, so a bottomless input cannot fill the memory.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ConfigError } from '../core/config/errors.ts';

/** 128 MiB: a config at the 50-million-character CSV limit fits with room to spare. */
export const MAX_CONFIG_BYTES = 128 * 1024 * 1024;

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

const MB = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MB`;

export function readConfig(path: string, limit = MAX_CONFIG_BYTES): string {
  const what = path === '-' ? 'stdin' : `file "${path}"`;
  const tooLarge = (size: string) => new ConfigError(`config ${what} is ${size}; at most ${MB(limit)} is read`);
  let fd: number;
  try {
    fd = path === '-' ? 0 : openSync(path, 'r');
  } catch (e) {
    throw new ConfigError(`cannot read config ${what}: ${reasonOf(e)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new ConfigError(`cannot read config ${what}: it is a directory`);
    if (stat.isFile() && stat.size > limit) throw tooLarge(MB(stat.size));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 20);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(PAUSE, 0, 0, 5); // a non-blocking stdin with nothing yet: wait, do not spin
          continue;
        }
        if ((e as NodeJS.ErrnoException).code === 'EOF') break;
        throw new ConfigError(`cannot read config ${what}: ${reasonOf(e)}`);
      }
      if (n === 0) break;
      total += n;
      if (total > limit) throw tooLarge(`more than ${MB(limit)}`);
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    if (path !== '-') closeSync(fd);
  }
}

function reasonOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return (e as Error).message.split('\n')[0];
}
