import type { AnyRule } from '../../src/rule/types.js';
import domHtmlSink from './dom-html-sink.js';

/** TSB3xx: HTML sinks and cross-site scripting. */
export const XSS_RULES: readonly AnyRule[] = [domHtmlSink];
