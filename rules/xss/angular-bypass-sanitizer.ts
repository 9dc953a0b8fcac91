import { defineRule } from '../../src/rule/index.js';
import { argumentAt, skipWrappers, staticPropertyName, stringParts } from '../../src/analysis/index.js';
import { htmlFlow, isSafeUrlValue, unsafeHtmlParts, urlFlow } from '../../src/analysis/html/values.js';

/** DomSanitizer methods that mark a value trusted, by the kind of value they take. */
const BYPASS_METHODS: ReadonlyMap<string, 'html' | 'script' | 'url'> = new Map([
  ['bypassSecurityTrustHtml', 'html'],
  ['bypassSecurityTrustStyle', 'html'],
  ['bypassSecurityTrustScript', 'script'],
  ['bypassSecurityTrustUrl', 'url'],
  ['bypassSecurityTrustResourceUrl', 'url'],
]);

export default defineRule({
  id: 'TSB306',
  name: 'angular-bypass-sanitizer',
  title: 'Angular DomSanitizer.bypassSecurityTrust* called with a non-constant value',
  cwe: [79],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    bypass: '`{{method}}` marks a non-constant value as trusted, so Angular will not sanitize it; sanitize it first (DomSanitizer.sanitize, DOMPurify) or bind it without bypassing.',
  },
  docs: {
    why: 'Angular sanitizes `[innerHTML]`, `[href]`, `[src]` and styles unless a value is wrapped by `bypassSecurityTrust*`. Wrapping data from users, the URL or an API turns the binding into a plain XSS sink.',
    fix: 'Bind the raw value and let Angular sanitize it, or sanitize with `DomSanitizer.sanitize(SecurityContext.HTML, value)` / DOMPurify first; for resource URLs, build them from a constant `https://` origin.',
    examples: {
      flagged: `import { Component, Input } from '@angular/core';\nimport { DomSanitizer, SafeHtml } from '@angular/platform-browser';\n@Component({ selector: 'app-bio', template: '<div [innerHTML]="bio"></div>' })\nexport class BioComponent {\n  bio: SafeHtml = '';\n  constructor(private sanitizer: DomSanitizer) {}\n  @Input() set html(value: string) {\n    this.bio = this.sanitizer.bypassSecurityTrustHtml(value);\n  }\n}`,
      safe: `import { Component, Input } from '@angular/core';\n@Component({ selector: 'app-bio', template: '<div [innerHTML]="bio"></div>' })\nexport class BioComponent {\n  @Input() bio = '';\n}`,
    },
    references: ['https://angular.dev/best-practices/security#bypass-security-apis'],
    sources: ['semgrep:typescript.angular.security.audit.angular-domsanitizer'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        if (callee.type !== 'MemberExpression') return;
        const method = staticPropertyName(callee);
        const kind = method === undefined ? undefined : BYPASS_METHODS.get(method);
        if (method === undefined || kind === undefined) return;
        const value = argumentAt(node, 0);
        if (value === undefined) return;
        let flow;
        if (kind === 'url') {
          if (isSafeUrlValue(context, value)) return;
          flow = urlFlow(context, value);
        } else {
          const parts = kind === 'script' ? [...stringParts(context, value).dynamicParts] : unsafeHtmlParts(context, value);
          if (parts.length === 0) return;
          flow = htmlFlow(context, parts);
        }
        context.report({ node, messageId: 'bypass', data: { method }, confidence: flow ? 'high' : undefined, flow });
      },
    };
  },
});
