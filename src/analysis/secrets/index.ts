/** Shared secret detection: formats and checksums, names, entropy and placeholder filters, source positions. */
export { base62Crc32, crc32, hasValidBase62Checksum } from './checksum.js';
export { assessCredentialValue, decodeBasic } from './credential-value.js';
export { credentialInEmbeddedConfig, type EmbeddedCredential } from './embedded.js';
export { characterClasses, looksRandom, shannonEntropy } from './entropy.js';
export { findKnownSecret, findKnownSecrets, type KnownSecret } from './formats.js';
export { credentialKind, type CredentialKind } from './names.js';
export { isLabel, isNameLike, isPathOrUrl, isPlaceholder } from './placeholders.js';
export { describeSecret } from './redact.js';
export { isSecretPassedToCall, secretsAssignedTo, secretsPassedTo, type CallSecret } from './call-sites.js';
export { stringConstantOf, stringConstantsIn, valueNameOf, type NameSite, type StringConstant, type StringNode, type ValueName } from './source.js';
export { isTestPath } from './paths.js';
export { knownSecretAt } from './source.js';
