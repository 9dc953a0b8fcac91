import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/fixtures.js';
import { cli, tempProject } from '../support/temp.js';

const HOSTILE = `// </script><img src=x onerror=alert(1)> <!-- and a javascript:alert(2) link
export function render(el: HTMLElement, name: string) {
  el.innerHTML = '</script><img src=x onerror=alert(1)><!--' + name + '<a href="javascript:alert(3)">x</a>';
}
`;

function htmlOf(files: Record<string, string>): { root: string; html: string; file: string } {
  const root = tempProject(files);
  const run = cli(root, 'scan', '.', '-f', 'html', '-o', 'report.html', '--exit-zero');
  assert.equal(run.code, 0, run.stderr);
  const file = path.join(root, 'report.html');
  return { root, html: readFileSync(file, 'utf8'), file };
}

test('the HTML report is self-contained, deterministic, and its CSP admits exactly its own inline code', () => {
  const files = { 'src/view.ts': HOSTILE, 'src/app.ts': "import { exec } from 'child_process';\nexport const run = (req: { query: { d: string } }) => exec('ls ' + req.query.d);\n" };
  const { html } = htmlOf(files);
  assert.equal(htmlOf(files).html, html, 'byte-identical for the same scan');
  assert.doesNotMatch(html, /\bsrc="(https?:)?\/\//, 'no external resource');
  assert.doesNotMatch(html, /<link\b|@import|url\(/, 'no stylesheet or font from elsewhere');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!.replace(/&#39;/g, "'");
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
  const script = /<script>([\s\S]*?)<\/script>\s*<\/body>/.exec(html)![1]!;
  const sha = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  assert.match(csp, /^default-src 'none'/);
  assert.ok(csp.includes(`style-src ${sha(style)}`));
  assert.ok(csp.includes(`script-src ${sha(script)}`));
  assert.equal((html.match(/<script>/g) ?? []).length, 1, 'one script element: the report\'s own');
  assert.doesNotMatch(html, /<img src=x/);
  assert.match(html, /&#60;\/script&#62;&#60;img src=x onerror=alert\(1\)&#62;/);
  assert.match(html, /<h3>Data flow<\/h3>/);
});

test('in headless Chromium: counts, filters, a detail view, no network, no console error, no dialog', async (t) => {
  const chromium = '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    t.skip('Chromium is not installed (CI installs Debian\'s chromium in .ci/run)');
    return;
  }
  const { chromium: launcher } = await import('playwright-core');
  const { file } = htmlOf({ 'src/view.ts': HOSTILE, 'src/crypto.ts': "import { createHash } from 'crypto';\nexport const h = createHash('md5');\n" });
  const browser = await launcher.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith('file://')) requests.push(request.url());
    });
    await page.goto(`file://${file}`);
    assert.equal(await page.textContent('#shown'), '2');
    await page.selectOption('#f-severity', 'medium');
    assert.equal(await page.textContent('#shown'), '1');
    assert.equal(await page.locator('#findings tbody tr:not(.hidden)').count(), 1);
    await page.selectOption('#f-severity', '');
    await page.fill('#f-text', 'view.ts');
    assert.equal(await page.textContent('#shown'), '1');
    await page.click('#findings tbody tr:not(.hidden) a');
    assert.ok(await page.locator('article.detail:target').isVisible());
    assert.match((await page.locator('article.detail:target').textContent()) ?? '', /tsbandit-ignore-next-line TSB301/);
    const artifacts = path.join(REPO_ROOT, 'dist', 'test-artifacts');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'html-report.png'), fullPage: true });
    assert.deepEqual(dialogs, [], 'a scanned file ran script in the report');
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
  } finally {
    await browser.close();
  }
});
