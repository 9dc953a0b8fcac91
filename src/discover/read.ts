import fs from 'node:fs';
import type { Notice } from '../findings/model.js';

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
const BINARY_PROBE_BYTES = 8000;

export type ReadOutcome =
  | { readonly ok: true; readonly text: string; readonly bytes: number; readonly notice?: Notice }
  | { readonly ok: false; readonly notice: Notice };

/**
 * Reads a source file as text, or says why not. Never blocks on a FIFO (it checks the open
 * descriptor is a regular file before reading), skips files over `maxBytes` and files with NUL
 * bytes (binary, as git decides), decodes UTF-16 with a BOM, and decodes invalid UTF-8 with
 * replacement characters and a notice rather than failing.
 */
export function readSourceFile(absolute: string, relative: string, maxBytes: number): ReadOutcome {
  let fd: number | undefined;
  try {
    fd = fs.openSync(absolute, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return skip('not-regular-file', relative, 'not a regular file; skipped');
    if (stat.size > maxBytes) {
      return skip('too-large', relative, `${formatBytes(stat.size)} is over the ${formatBytes(maxBytes)} limit (--max-file-size); skipped`);
    }
    const buffer = Buffer.alloc(stat.size);
    let filled = 0;
    while (filled < buffer.length) {
      const read = fs.readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return decode(buffer.subarray(0, filled), relative);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return skip('unreadable', relative, `could not be read (${code}); skipped`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function decode(buffer: Buffer, relative: string): ReadOutcome {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(buffer.subarray(2)), bytes: buffer.length };
  }
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(buffer.subarray(2)), bytes: buffer.length };
  }
  if (buffer.subarray(0, BINARY_PROBE_BYTES).includes(0)) {
    return skip('binary', relative, 'looks binary (contains NUL bytes); skipped');
  }
  try {
    // The BOM is kept: offsets and GitHub's line hash count it.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer), bytes: buffer.length };
  } catch {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(buffer);
    return {
      ok: true,
      text,
      bytes: buffer.length,
      notice: { kind: 'encoding', file: relative, message: 'is not valid UTF-8; invalid bytes were read as U+FFFD' },
    };
  }
}

const skip = (kind: Notice['kind'], file: string, message: string): ReadOutcome => ({ ok: false, notice: { kind, file, message } });

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}
