import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confidencesByLine } from '../support/engine-runner.js';

/** Line → confidence of the regex-injection findings in `code`. */
const confidences = (code: string): Record<number, string> => confidencesByLine('regex-injection', 'routes.ts', code);

test('regex-injection: .match(input) is sure on a visible string, less sure on another object (routers have match methods too)', () => {
  const code = [
    "import express from 'express';",
    'const app = express();',
    "const catalogue = 'alpha beta gamma';",
    'declare const router: { match(path: string): unknown };',
    "app.get('/find', (req, res) => {",
    '  const term = String(req.query.q);',
    '  const title: string = String(req.query.title);',
    '  res.json([',
    '    catalogue.match(term),',
    '    String(req.query.text).toLowerCase().search(term),',
    '    title.match(term),',
    '    router.match(term),',
    '  ]);',
    '});',
  ].join('\n');
  assert.deepEqual(confidences(code), { 9: 'high', 10: 'high', 11: 'high', 12: 'medium' });
});
