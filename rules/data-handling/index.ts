import type { AnyRule } from '../../src/rule/types.js';
import deprecatedBufferConstructor from './deprecated-buffer-constructor.js';
import insecureDeserialization from './insecure-deserialization.js';
import jsxTargetBlank from './jsx-target-blank.js';
import messageListenerOriginCheck from './message-listener-origin-check.js';
import postmessageWildcardOrigin from './postmessage-wildcard-origin.js';
import prototypePollutionLibrary from './prototype-pollution-library.js';
import prototypePollutionMerge from './prototype-pollution-merge.js';
import redosRegex from './redos-regex.js';
import regexInjection from './regex-injection.js';
import unsafeBufferAllocation from './unsafe-buffer-allocation.js';
import workerFromCode from './worker-from-code.js';
import xmlExternalEntities from './xml-external-entities.js';

/** TSB8xx: prototype pollution, ReDoS, deserialization, XXE, postMessage. */
export const DATA_HANDLING_RULES: readonly AnyRule[] = [
  prototypePollutionMerge,
  prototypePollutionLibrary,
  regexInjection,
  redosRegex,
  insecureDeserialization,
  xmlExternalEntities,
  unsafeBufferAllocation,
  deprecatedBufferConstructor,
  postmessageWildcardOrigin,
  messageListenerOriginCheck,
  jsxTargetBlank,
  workerFromCode,
];
