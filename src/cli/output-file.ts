/**
 * A file the CLI writes (`--out`, `--summary`). A regular file is written under a temporary
 * name beside it and renamed over it only when complete, so a failure (a full disk, a size
 * limit) never leaves a half-written file that looks whole, and an old file stays as it was.
 * A device or FIFO (`/dev/full`, `/dev/stdout`, a named pipe) is written in place: it cannot
 * be renamed over, and writing a temporary file into /dev would be wrong.
 */
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeErrorOf } from './write-error.ts';

export class OutputFile {
  private readonly fd: number;
  /** Where the text goes until `commit`, or null when written in place. */
  private readonly temp: string | null;
  private readonly target: string;
  /** Closed (committed or abandoned): the fd number may already belong to another file. */
  private closed = false;

  /** Opens now, so a path that cannot be written is refused before any work is done. */
  constructor(readonly name: string) {
    let existing: ReturnType<typeof statSync> | undefined;
    try {
      existing = statSync(name);
    } catch {
      existing = undefined; // a new file
    }
    try {
      if (existing && !existing.isFile()) {
        this.target = name;
        this.temp = null;
        this.fd = openSync(name, 'w');
      } else {
        // Beside the real file (a symlink's target), so that the rename stays on one file system.
        this.target = existing ? realpathSync(name) : name;
        this.temp = join(dirname(this.target), `.${basename(this.target)}.${process.pid}.tmp`);
        this.fd = openSync(this.temp, 'wx', existing ? existing.mode & 0o777 : 0o666);
      }
    } catch (e) {
      throw writeErrorOf(name, e);
    }
  }

  write(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    try {
      // A write may take part of the bytes (a disk filling up); the next one reports why.
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at);
    } catch (e) {
      this.abandon();
      throw writeErrorOf(this.name, e);
    }
  }

  /** Makes the file whole: flushed to disk, then renamed over the target. */
  commit(): void {
    try {
      if (this.temp !== null) fsyncSync(this.fd);
    } catch (e) {
      this.abandon();
      throw writeErrorOf(this.name, e);
    }
    this.closed = true;
    try {
      closeSync(this.fd); // a device or NFS may report a failed write only here
      if (this.temp !== null) renameSync(this.temp, this.target);
    } catch (e) {
      this.removeTemp();
      throw writeErrorOf(this.name, e);
    }
  }

  /** Gives up: the temporary file goes, the target is untouched. */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      closeSync(this.fd);
    } catch {
      // a failed close changes nothing here: the file is being given up
    }
    this.removeTemp();
  }

  private removeTemp(): void {
    if (this.temp === null) return;
    try {
      unlinkSync(this.temp);
    } catch {
      // already gone
    }
  }
}
