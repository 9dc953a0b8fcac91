import type { AnyRule } from '../../src/rule/types.js';
import domHtmlSink from './dom-html-sink.js';
import scriptUrlSink from './script-url-sink.js';
import domEventHandlerAttribute from './dom-event-handler-attribute.js';
import reactDangerouslySetInnerHtml from './react-dangerously-set-inner-html.js';
import reactJavascriptUrl from './react-javascript-url.js';
import angularBypassSanitizer from './angular-bypass-sanitizer.js';
import vueRenderInnerHtml from './vue-render-inner-html.js';
import jqueryHtmlSink from './jquery-html-sink.js';
import jquerySelectorHtml from './jquery-selector-html.js';
import serverResponseXss from './server-response-xss.js';
import handlebarsSafeString from './handlebars-safe-string.js';
import ejsEscapeOverride from './ejs-escape-override.js';
import domParserHtmlInsertion from './dom-parser-html-insertion.js';
import trustedTypesPassthroughPolicy from './trusted-types-passthrough-policy.js';
import litUnsafeHtml from './lit-unsafe-html.js';

/** TSB3xx: HTML sinks and cross-site scripting. */
export const XSS_RULES: readonly AnyRule[] = [domHtmlSink, scriptUrlSink, domEventHandlerAttribute, reactDangerouslySetInnerHtml, reactJavascriptUrl, angularBypassSanitizer, vueRenderInnerHtml, jqueryHtmlSink, jquerySelectorHtml, serverResponseXss, handlebarsSafeString, ejsEscapeOverride, domParserHtmlInsertion, trustedTypesPassthroughPolicy, litUnsafeHtml];
