/**
 * A file (or stdout) that could not be written: an I/O failure, not a mistake in the config.
 * The CLI prints it as one line, `optirace: cannot write FILE: reason`, and exits with 3.
 */
export class WriteError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`cannot write ${file}: ${reason}`);
    this.name = 'WriteError';
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EPIPE: 'the reader closed the pipe',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'no such directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  EIO: 'input/output error',
};

/** The error as a WriteError for `file`, its reason in words (never a stack trace). */
export function writeErrorOf(file: string, error: unknown): WriteError {
  if (error instanceof WriteError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason = (code !== undefined && REASONS[code]) || (error instanceof Error ? error.message.split('\n')[0] : String(error));
  return new WriteError(file, reason);
}
