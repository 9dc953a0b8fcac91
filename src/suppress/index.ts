export { findSuppressingDirective, parseEslintDirectives, type DisableDirective } from './eslint-directives.js';
