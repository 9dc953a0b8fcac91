#!/usr/bin/env node
import { prelaunchScanWorker } from '../engine/isolated.js';

// The scan worker starts loading rules and parser on the other core while this thread loads the
// command line's modules (about a quarter of a second each); `scan` adopts it (src/engine/isolated.ts).
if (process.argv[2] === 'scan') prelaunchScanWorker();
const { runCli } = await import('./main.js');

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  cwd: process.cwd(),
  env: process.env,
});
