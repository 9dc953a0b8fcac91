import { jsonReport } from './json.js';
import type { ReportFormat, ReportInput } from './model.js';
import { sarifReport } from './sarif.js';
import { textReport } from './text.js';
import { htmlReport } from './html.js';
import { githubReport } from './github.js';

export { jsonReport, JSON_REPORT_VERSION } from './json.js';
export { sarifReport, DEFAULT_CATEGORY, FINGERPRINT_KEY } from './sarif.js';
export { textReport, type TextOptions } from './text.js';
export { escapeHtml, htmlReport } from './html.js';
export { lineHashes } from './line-hash.js';
export { githubReport, escapeData, escapeProperty } from './github.js';
export { applySarifLimits, GITHUB_LIMITS, type SarifLimits } from './limits.js';
export { REPORT_FORMATS, type ReportFormat, type ReportInput } from './model.js';

export function renderReport(format: ReportFormat, input: ReportInput, options: { color: boolean } = { color: false }): string {
  switch (format) {
    case 'json':
      return jsonReport(input);
    case 'sarif':
      return sarifReport(input);
    case 'text':
      return textReport(input, options);
    case 'html':
      return htmlReport(input);
    case 'github':
      return githubReport(input);
  }
}
