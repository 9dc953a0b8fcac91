import { createHash } from 'node:crypto';
import { ruleDocUrl, TOOL_NAME, TOOL_VERSION } from '../meta.js';
import { cweUrl, familyOf, FAMILIES, SEVERITIES, CONFIDENCES, type AnyRule, type Family } from '../rule/index.js';
import type { Finding } from '../findings/model.js';
import type { ReportInput } from './model.js';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const STYLE = `
:root { --critical:#7b1fa2; --high:#c62828; --medium:#ef6c00; --low:#1565c0; --border:#d0d7de; --muted:#57606a; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
header, main { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
header { background: #24292f; color: #fff; max-width: none; }
header h1 { margin: 0 0 4px; font-size: 20px; }
section { background: #fff; border: 1px solid var(--border); border-radius: 6px; padding: 12px 16px; margin: 16px 0; }
h2 { font-size: 16px; margin: 4px 0 12px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--border); vertical-align: top; }
th[data-sort] { cursor: pointer; user-select: none; }
.sev { font-weight: 600; text-transform: uppercase; font-size: 12px; }
.sev-critical { color: var(--critical); } .sev-high { color: var(--high); } .sev-medium { color: var(--medium); } .sev-low { color: var(--low); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 16px; }
.stats td:first-child { color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.filters label { color: var(--muted); }
pre { background: #f6f8fa; border: 1px solid var(--border); padding: 8px; overflow-x: auto; margin: 6px 0; }
.ln { color: var(--muted); user-select: none; display: inline-block; min-width: 3em; }
mark { background: #fff1a8; }
.detail { display: none; }
.detail:target { display: block; outline: 2px solid #0969da; }
.hidden { display: none; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
.flow li { margin: 2px 0; }
.muted { color: var(--muted); }
`;

const SCRIPT = `
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
  var controls = ['f-severity', 'f-confidence', 'f-family', 'f-rule'].map(function (id) { return document.getElementById(id); });
  var search = document.getElementById('f-text');
  var counter = document.getElementById('shown');
  function apply() {
    var text = search.value.toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var ok = controls.every(function (select) { return select.value === '' || row.getAttribute('data-' + select.id.slice(2)) === select.value; });
      if (ok && text !== '') ok = row.textContent.toLowerCase().indexOf(text) !== -1;
      row.classList.toggle('hidden', !ok);
      if (ok) shown++;
    });
    counter.textContent = String(shown);
  }
  controls.forEach(function (select) { select.addEventListener('change', apply); });
  search.addEventListener('input', apply);
  var body = document.querySelector('#findings tbody');
  Array.prototype.forEach.call(document.querySelectorAll('#findings th[data-sort]'), function (header) {
    header.addEventListener('click', function () {
      var key = header.getAttribute('data-sort');
      var descending = header.getAttribute('aria-sort') === 'ascending';
      Array.prototype.forEach.call(document.querySelectorAll('#findings th'), function (h) { h.removeAttribute('aria-sort'); });
      header.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      rows.sort(function (a, b) {
        var x = a.getAttribute('data-' + key), y = b.getAttribute('data-' + key);
        var order = key === 'rank' || key === 'crank' || key === 'order' ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
        return descending ? -order : order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  apply();
})();
`;

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * A self-contained HTML report: inline CSS, JS and SVG, no external request, a Content-Security-
 * Policy allowing exactly its own inline style and script (by hash). Every string from scanned
 * code is escaped here; the script only filters and sorts rows by their data attributes and
 * never writes markup. Deterministic: no timestamps.
 */
export function htmlReport(input: ReportInput): string {
  const rulesById = new Map(input.rules.map((rule) => [rule.id, rule]));
  const csp = `default-src 'none'; style-src ${hash(STYLE)}; script-src ${hash(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;
  const findings = input.findings;
  const familyOfFinding = (f: Finding): string => {
    const rule = rulesById.get(f.ruleId);
    return rule === undefined ? 'other' : familyOf(rule);
  };
  const body = [
    `<header><h1>${escapeHtml(TOOL_NAME)} security report</h1><div>${findings.length} finding${findings.length === 1 ? '' : 's'} in ${input.stats.filesScanned} of ${input.stats.filesFound} files · ${escapeHtml(TOOL_NAME)} ${escapeHtml(TOOL_VERSION)}</div></header>`,
    '<main>',
    summarySection(input),
    `<div class="grid">${familyChart(findings, familyOfFinding)}${severityConfidenceChart(findings)}${topList('Top rules', findings.map((f) => `${f.ruleId} ${f.ruleName}`))}${topList('Top files', findings.map((f) => f.file))}</div>`,
    findingsSection(findings, input.rules, familyOfFinding),
    detailsSection(findings, rulesById),
    noticesSection(input),
    '</main>',
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(TOOL_NAME)} report: ${findings.length} findings</title>
<style>${STYLE}</style>
</head>
<body>
${body}
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function summarySection(input: ReportInput): string {
  const rows: [string, string][] = [
    ['Files scanned', `${input.stats.filesScanned} of ${input.stats.filesFound}`],
    ['Lines', String(input.stats.lines)],
    ['Thresholds', `severity ≥ ${input.thresholds.severity}, confidence ≥ ${input.thresholds.confidence}`],
    ['Below thresholds (not listed)', String(input.belowThresholds)],
    ['Suppressed (not listed)', String(input.suppressed)],
    ['Notices', String(input.notices.length)],
    ...(input.timing !== undefined ? ([['Finished', input.timing.finishedAt], ['Duration', `${(input.timing.durationMs / 1000).toFixed(1)} s`]] as [string, string][]) : []),
    ['Rules', String(input.rules.length)],
  ];
  return `<section><h2>Summary</h2><table class="stats">${rows.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('')}</table></section>`;
}

function familyChart(findings: readonly Finding[], familyOfFinding: (f: Finding) => string): string {
  const families = Object.keys(FAMILIES) as Family[];
  const counts = families.map((family) => findings.filter((f) => familyOfFinding(f) === family).length);
  const max = Math.max(1, ...counts);
  const bars = families
    .map((family, i) => {
      const width = Math.round((counts[i]! / max) * 150);
      const y = i * 22;
      return `<text x="0" y="${y + 14}" font-size="12">${escapeHtml(family)}</text><rect x="110" y="${y + 3}" width="${width}" height="14" fill="#0969da"></rect><text x="${116 + width}" y="${y + 14}" font-size="12">${counts[i]}</text>`;
    })
    .join('');
  return `<section><h2>Findings by family</h2><svg role="img" aria-label="Findings by family" width="300" height="${families.length * 22}" xmlns="http://www.w3.org/2000/svg">${bars}</svg></section>`;
}

function severityConfidenceChart(findings: readonly Finding[]): string {
  const severities = [...SEVERITIES].reverse();
  const cells = severities
    .map((severity, row) =>
      CONFIDENCES.map((confidence, column) => {
        const count = findings.filter((f) => f.severity === severity && f.confidence === confidence).length;
        const shade = count === 0 ? '#f6f8fa' : `rgba(198,40,40,${Math.min(1, 0.2 + count / Math.max(1, findings.length))})`;
        return `<rect x="${80 + column * 60}" y="${20 + row * 26}" width="58" height="24" fill="${shade}"></rect><text x="${104 + column * 60}" y="${37 + row * 26}" font-size="12">${count}</text>`;
      }).join('') + `<text x="0" y="${37 + row * 26}" font-size="12">${severity}</text>`,
    )
    .join('');
  const header = CONFIDENCES.map((c, i) => `<text x="${84 + i * 60}" y="14" font-size="11">${c}</text>`).join('');
  return `<section><h2>Severity × confidence</h2><svg role="img" aria-label="Findings by severity and confidence" width="270" height="${24 + severities.length * 26}" xmlns="http://www.w3.org/2000/svg">${header}${cells}</svg></section>`;
}

function topList(title: string, keys: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 8);
  const items = top.length === 0 ? '<li class="muted">none</li>' : top.map(([key, n]) => `<li><code>${escapeHtml(key)}</code> (${n})</li>`).join('');
  return `<section><h2>${escapeHtml(title)}</h2><ol>${items}</ol></section>`;
}

function findingsSection(findings: readonly Finding[], rules: readonly AnyRule[], familyOfFinding: (f: Finding) => string): string {
  const option = (value: string): string => `<option value="${escapeHtml(value)}">${escapeHtml(value)}</option>`;
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  const filters = `<div class="filters">
<label for="f-severity">Severity</label><select id="f-severity"><option value="">all</option>${[...SEVERITIES].reverse().map(option).join('')}</select>
<label for="f-confidence">Confidence</label><select id="f-confidence"><option value="">all</option>${[...CONFIDENCES].reverse().map(option).join('')}</select>
<label for="f-family">Family</label><select id="f-family"><option value="">all</option>${Object.keys(FAMILIES).map(option).join('')}</select>
<label for="f-rule">Rule</label><select id="f-rule"><option value="">all</option>${ruleIds.map(option).join('')}</select>
<label for="f-text">Search</label><input id="f-text" type="search" placeholder="path, message, code">
<span class="muted"><span id="shown">${findings.length}</span> of ${findings.length} shown</span>
</div>`;
  const rows = findings
    .map((f, i) => {
      const attributes = [
        ['severity', f.severity], ['confidence', f.confidence], ['family', familyOfFinding(f)], ['rule', f.ruleId],
        ['rank', String(SEVERITIES.indexOf(f.severity))], ['crank', String(CONFIDENCES.indexOf(f.confidence))], ['order', String(i)], ['file', f.file],
      ].map(([k, v]) => `data-${k}="${escapeHtml(v!)}"`).join(' ');
      return `<tr ${attributes}><td class="sev sev-${f.severity}">${f.severity}</td><td>${f.confidence}</td><td><code>${escapeHtml(f.ruleId)}</code> ${escapeHtml(f.ruleName)}</td><td><a href="#finding-${i + 1}"><code>${escapeHtml(f.file)}:${f.range.startLine}:${f.range.startColumn}</code></a></td><td>${escapeHtml(f.message)}</td></tr>`;
    })
    .join('\n');
  const empty = findings.length === 0 ? '<p class="muted">No findings at or above the thresholds.</p>' : '';
  return `<section><h2>Findings</h2>${filters}${empty}<table id="findings"><thead><tr><th data-sort="rank">Severity</th><th data-sort="crank">Confidence</th><th data-sort="rule">Rule</th><th data-sort="order">Location</th><th>Message</th></tr></thead><tbody>
${rows}
</tbody></table><p class="muted">${rules.length} rules ran. Click a location for details.</p></section>`;
}

function snippetHtml(f: Finding): string {
  return f.snippet
    .split('\n')
    .map((line, i) => {
      const number = f.range.startLine + i;
      let content = escapeHtml(line);
      // Highlight the flagged columns on a single-line finding whose line was not cut.
      if (i === 0 && f.range.startLine === f.range.endLine && !line.startsWith('…')) {
        const from = f.range.startColumn - 1;
        const to = Math.min(line.length, f.range.endColumn - 1);
        if (from >= 0 && to > from) content = `${escapeHtml(line.slice(0, from))}<mark>${escapeHtml(line.slice(from, to))}</mark>${escapeHtml(line.slice(to))}`;
      }
      return `<span class="ln">${line === '…' ? '' : number}</span>${content}`;
    })
    .join('\n');
}

function detailsSection(findings: readonly Finding[], rulesById: ReadonlyMap<string, AnyRule>): string {
  const details = findings.map((f, i) => {
    const rule = rulesById.get(f.ruleId);
    const flow = f.flow === undefined ? '' : `<h3>Data flow</h3><ol class="flow">${f.flow.steps.map((s) => `<li><code>${escapeHtml(s.label)}</code> <span class="muted">line ${s.range.startLine}</span></li>`).join('')}</ol>`;
    const help = rule === undefined ? '' : `<h3>Why it matters</h3><p>${escapeHtml(rule.docs.why)}</p><h3>How to fix</h3><p>${escapeHtml(rule.docs.fix)}</p><h3>Example</h3><p class="muted">Flagged:</p><pre><code>${escapeHtml(rule.docs.examples.flagged)}</code></pre><p class="muted">Safe:</p><pre><code>${escapeHtml(rule.docs.examples.safe)}</code></pre><p><a href="${escapeHtml(ruleDocUrl(rule))}" rel="noreferrer noopener">Rule documentation</a></p>`;
    const cwe = f.cwe.map((c) => `<a href="${escapeHtml(cweUrl(c))}" rel="noreferrer noopener">CWE-${c}</a>`).join(', ');
    const suppressed = f.suppressed === undefined ? '' : `<p class="muted">Suppressed by ${escapeHtml(f.suppressed.kind)}${f.suppressed.justification ? `: ${escapeHtml(f.suppressed.justification)}` : ''}</p>`;
    return `<article class="detail" id="finding-${i + 1}"><h2><span class="sev sev-${f.severity}">${f.severity}</span> <code>${escapeHtml(f.ruleId)}</code> ${escapeHtml(f.ruleName)}</h2>
<p>${escapeHtml(f.message)}</p>
<p><code>${escapeHtml(f.file)}:${f.range.startLine}:${f.range.startColumn}</code> · confidence ${f.confidence} · ${cwe}</p>${suppressed}
<pre><code>${snippetHtml(f)}</code></pre>${flow}${help}
<h3>Suppress</h3><pre><code>// tsbandit-ignore-next-line ${escapeHtml(f.ruleId)} -- reason</code></pre>
<p><a href="#findings">Back to the findings</a></p></article>`;
  });
  return details.length === 0 ? '' : `<section id="details">${details.join('\n')}</section>`;
}

function noticesSection(input: ReportInput): string {
  if (input.notices.length === 0) return '';
  const rows = input.notices
    .map((n) => `<tr><td><code>${escapeHtml(n.file)}${n.line !== undefined ? `:${n.line}:${n.column ?? 1}` : ''}</code></td><td>${escapeHtml(n.kind)}</td><td>${escapeHtml(n.message)}</td></tr>`)
    .join('');
  return `<section id="notices"><h2>Notices (${input.notices.length})</h2><p class="muted">Files that could not be read, parsed or fully analysed.</p><table><thead><tr><th>File</th><th>Kind</th><th>Message</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}
