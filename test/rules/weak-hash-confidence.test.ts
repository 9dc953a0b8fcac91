import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confidencesByLine } from '../support/engine-runner.js';

/** Line → confidence of the weak-hash findings in `code`. */
const confidences = (code: string[]): Record<number, string> => confidencesByLine('weak-hash', 'digests.ts', code.join('\n'));

test('weak-hash: a digest of a password or secret is sure whatever the algorithm; one that only names content (ETag, cache key, Gravatar) is low', () => {
  const code = [
    "import crypto, { createHash } from 'node:crypto';",
    "import md5 from 'md5';",
    "import type { Response } from 'express';",
    "export const hashPassword = (salt: string, password: string) => createHash('sha1').update(salt).update(password).digest('hex');",
    "export const apiKeyDigest = (apiKey: string) => md5(apiKey);",
    "export function gravatarUrl(email: string) { const hash = createHash('md5').update(email.trim()).digest('hex'); return `https://www.gravatar.com/avatar/${hash}`; }",
    "export const cacheKey = (url: string) => createHash('md5').update(url).digest('hex').slice(0, 16);",
    "export function send(res: Response, body: string) { res.setHeader('ETag', `\"${crypto.createHash('md5').update(body).digest('base64')}\"`); res.end(body); }",
    "export const weakEtag = async (body: string) => 'W/\"' + crypto.hash('sha1', body) + '\"';",
    "export const checksum = (data: Buffer) => createHash('md5').update(data).digest('hex');",
    "export const fingerprint = (der: Buffer) => createHash('sha1').update(der).digest('hex');",
  ];
  assert.deepEqual(confidences(code), {
    4: 'high', // SHA-1 is medium by default; over a password it is sure
    5: 'high',
    6: 'low',
    7: 'low',
    8: 'low',
    9: 'low',
    10: 'high', // MD5's default: a checksum may guard integrity
    11: 'medium', // SHA-1's default
  });
});
