/**
 * The --spikes CSV, written so that a failure leaves nothing half-written and says why in one line.
 *
 * Everything that can be checked is checked before the run: the folder exists, the name is not too
 * long, the path is not a folder, the file can be created, and the header can be written (which
 * catches a full disk or /dev/full). A regular file is written under a temporary name beside it and
 * renamed into place at the end, so a run that fails midway leaves any earlier file as it was and
 * no partial one. A device or a pipe (`--spikes /dev/stdout`, `--spikes >(gzip > s.csv.gz)`) is
 * written directly: it cannot be renamed into, and there is no file to leave half-written.
 *
 * Writes are synchronous: one per 100 ms chunk of simulation, and an error surfaces at the write
 * that failed, never as an unhandled 'error' event after the run.
 */
import { closeSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { echo } from '../core/echo';

/** A --spikes file that cannot be written; the message is the one line the runner prints. */
export class SpikesFileError extends Error {
  constructor(path: string, reason: string) {
    super(`--spikes ${echo(path)} cannot be written: ${reason}`);
    this.name = 'SpikesFileError';
  }
}

const REASONS: ReadonlyMap<string, string> = new Map([
  ['ENOENT', 'its folder does not exist'],
  ['ENOTDIR', 'a part of the path is not a folder'],
  ['EISDIR', 'it is a folder, not a file'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'permission denied'],
  ['EROFS', 'the file system is read-only'],
  ['ENAMETOOLONG', 'the name is too long'],
  ['ENOSPC', 'no space left on the device'],
  ['EDQUOT', 'the disk quota is used up'],
  ['EFBIG', 'the file is too large'],
  ['EIO', 'an input/output error'],
  ['EPIPE', 'the reader closed the pipe'],
  ['ELOOP', 'too many symbolic links'],
  ['EMFILE', 'too many open files'],
]);

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return error instanceof Error ? echo(error.message, 80) : 'an unknown error';
  return `${REASONS.get(code) ?? 'the system refused it'} (${code})`;
}

const HEADER = 'neuron_id,time_ms\n';

export class SpikesFile {
  private closed = false;

  private constructor(
    private readonly userPath: string,
    private readonly fd: number,
    /** the temporary name while writing, or null when writing straight to a device or pipe */
    private readonly tempPath: string | null,
    private readonly finalPath: string,
  ) {}

  /** Opens the file and writes its header; throws a SpikesFileError if it cannot. */
  static open(path: string): SpikesFile {
    let stat;
    try {
      stat = statSync(path, { throwIfNoEntry: false });
    } catch (error) {
      throw new SpikesFileError(path, reasonOf(error));
    }
    if (stat?.isDirectory()) throw new SpikesFileError(path, 'it is a folder, not a file');
    let file: SpikesFile;
    if (stat && !stat.isFile()) {
      file = new SpikesFile(path, openOrThrow(path, path, 'w'), null, path);
    } else {
      // Try the real name first (a missing folder, a name too long, no permission), and put back
      // what was there: a new empty file is removed, an existing one is opened without truncating.
      closeSync(openOrThrow(path, path, 'a'));
      if (!stat) unlinkSync(path);
      const finalPath = stat ? realpathSync(path) : path;
      const tempPath = join(dirname(finalPath), `.${basename(finalPath).slice(0, 64)}.${process.pid}.partial`);
      file = new SpikesFile(path, openOrThrow(path, tempPath, 'wx'), tempPath, finalPath);
    }
    file.write(HEADER);
    return file;
  }

  /** Appends text; on failure removes the partial file and throws a SpikesFileError. */
  write(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at, bytes.length - at);
    } catch (error) {
      this.abort();
      throw new SpikesFileError(this.userPath, reasonOf(error));
    }
  }

  /** Closes the file and moves it into place. */
  finish(): void {
    try {
      this.closed = true;
      closeSync(this.fd);
      if (this.tempPath) renameSync(this.tempPath, this.finalPath);
    } catch (error) {
      this.removeTemp();
      throw new SpikesFileError(this.userPath, reasonOf(error));
    }
  }

  /** Closes the file and removes what was written (a device or pipe is only closed). */
  abort(): void {
    if (!this.closed) {
      this.closed = true;
      try {
        closeSync(this.fd);
      } catch {
        // already failing: the first error is the one to report
      }
    }
    this.removeTemp();
  }

  private removeTemp(): void {
    if (!this.tempPath) return;
    try {
      unlinkSync(this.tempPath);
    } catch {
      // gone already, or never made
    }
  }
}

function openOrThrow(userPath: string, path: string, flags: string): number {
  try {
    return openSync(path, flags);
  } catch (error) {
    throw new SpikesFileError(userPath, reasonOf(error));
  }
}
