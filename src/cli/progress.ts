import type { ScanProgress } from '../engine/scan.js';

const MIN_INTERVAL_MS = 100;
const CLEAR_LINE = '\r\x1b[K';

/**
 * A one-line progress display for a terminal: files done / total, findings so far, rate and ETA,
 * redrawn at most ten times a second on stderr and erased at the end, so it never mixes into
 * a report on stdout.
 */
export function createProgressLine(write: (text: string) => void, now: () => number = Date.now): { update: (p: ScanProgress) => void; done: () => void } {
  let last = -Infinity;
  let shown = false;
  return {
    update(progress) {
      const time = now();
      if (time - last < MIN_INTERVAL_MS && progress.filesDone < progress.filesTotal) return;
      last = time;
      shown = true;
      write(CLEAR_LINE + formatProgress(progress));
    },
    done() {
      if (shown) write(CLEAR_LINE);
    },
  };
}

export function formatProgress({ filesDone, filesTotal, findings, elapsedMs }: ScanProgress): string {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? filesDone / seconds : 0;
  const eta = rate > 0 ? Math.max(0, (filesTotal - filesDone) / rate) : 0;
  return `tsbandit: ${filesDone}/${filesTotal} files, ${findings} finding${findings === 1 ? '' : 's'}, ${rate.toFixed(0)} files/s, ETA ${formatDuration(eta)}`;
}

const formatDuration = (seconds: number): string => (seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s` : `${Math.ceil(seconds)}s`);
