export { argumentAt, calleeWrittenName, memoised, skipWrappers, staticKeyName, staticPropertyName } from './ast.js';
export { findVariable, isGlobalReference, isNeverReassigned, patternPath, singleDeclarator, type AnalysisContext } from './scope.js';
export { getStaticValue, isConstantString, possibleStaticValues, type Primitive, type StaticValue } from './static-value.js';
export { normaliseModuleName, requiredModule, resolveCallee, resolveReference } from './callee.js';
export { findInputSource, isRequestDerived } from './request-source.js';
export { isNumericOrBoolean } from './numeric.js';
export * as sources from './sources.js';
export { stringParts, textCarryingParts, type StringParts } from './string-parts.js';
export { isHtmlSanitized } from './sanitizers.js';
