import { identifierWords } from '../crypto-values.js';
import { looksRandom } from './entropy.js';
import { CREDENTIAL_VOCABULARY } from './names.js';

/**
 * Values that stand for a secret without being one: placeholders from READMEs and
 * `.env.example` files, template and environment references, masks, labels, names of
 * variables, settings or storage slots. Shared by the source rules and config-file scanning.
 */

/** Template syntaxes and references: `${DB_PASSWORD}`, `{{ secrets.X }}`, `<your-token>`, `%s`, `$TOKEN`, `%API_KEY%`, `[token]`. */
const TEMPLATE_MARKERS = /\$\{|\{\{|\}\}|<[^<>]{1,60}>|%\(?\w*\)?[sd]\b|^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_]+%$|^\{[^{}]+\}$|^\[[^[\]]+\]$|^:[a-z_]+$|^@[A-Za-z_]+@$|^__[A-Za-z_]+__$|^#\{.*\}$/;
/** Repeated filler: `xxxx`, `****`, `....`, `••••`, `0000000000`, `<redacted>`. */
const FILLER = /x{4,}|X{4,}|\*{3,}|•{3,}|\.{3}|…|_{4,}|-{4,}|#{4,}|0{8,}|(.)\1{7,}/;
/** Words and prefixes of placeholders, matched on the lower-cased letters and digits of the value. */
const PLACEHOLDER_PREFIXES = /^(your|insert|enter|replace|changeme|changeit|change(this|that)|placeholder|dummy|fake|example|sample|mock|test|notreal|notasecret|redacted|fixme)/;
/** Prefixes that are placeholders only in word-like values (`todo`, `putyourkeyhere`), not at the start of a random token. */
const WORDY_PLACEHOLDER_PREFIXES = /^(todo|tbd|xxx|some|put|add|fill|paste|set)[a-z]*$/;
const PLACEHOLDER_WORDS = new Set([
  'changeme', 'changeit', 'placeholder', 'dummy', 'fake', 'example', 'examples', 'sample', 'mock', 'test', 'testing', 'redacted', 'todo', 'tbd',
  'fixme', 'null', 'nil', 'none', 'undefined', 'empty', 'unset', 'tbc', 'foo', 'bar', 'baz', 'qux', 'foobar', 'lorem', 'ipsum', 'hello', 'world',
  'abc', 'abcd', 'abcdef', 'qwerty', 'asdf', 'string', 'str', 'value', 'true', 'false', 'yes', 'no', 'on', 'off', 'default', 'demo', 'secret',
  'password', 'pass', 'passwd', 'pwd', 'token', 'key', 'apikey', 'notused', 'unused', 'disabled', 'invalid', 'wrong', 'bad', 'incorrect', 'expired',
  'include', 'omit', 'required', 'optional', 'hidden', 'masked',
]);
/** Non-secret values credential-named options often take: fetch `credentials`, OAuth grant and token types, input types. */
const ENUM_VALUES = new Set([
  'include', 'omit', 'same-origin', 'same_origin', 'sameorigin', 'bearer', 'basic', 'digest', 'jwt', 'oauth', 'oauth2', 'oidc', 'saml', 'session',
  'cookie', 'header', 'headers', 'query', 'body', 'local', 'none', 'api_key', 'apikey', 'client_credentials', 'authorization_code', 'refresh_token',
  'password', 'implicit', 'id_token', 'access_token', 'code', 'token', 'mac', 'hmac', 'sha256', 'sha1', 'md5', 'hs256', 'rs256', 'es256', 'text',
  'new-password', 'current-password', 'one-time-code', 'off', 'on', 'required', 'optional', 'env', 'file', 'vault', 'aws', 'gcp', 'azure', 'kms',
]);
/** References to a secret kept elsewhere: secret managers, environment lookups, encrypted values. */
const REFERENCE = /^(arn:aws[\w-]*:|projects\/[^/]+\/secrets\/|vault:|env:|secret:|secrets:|ssm:|sm:\/\/|op:\/\/|doppler:|gcp:|azure:|keyvault:|aws-sm:|file:|k8s:|process\.env|import\.meta\.env|Deno\.env|ENC\(|\{cipher\}|@Microsoft\.KeyVault\(|!Ref |!Sub |!GetAtt |AQICAH|vault:v\d:)/i;
const PATH_OR_URL = /^(https?:\/\/[^\s@]*$|\.{0,2}\/|~\/|[A-Za-z]:\\|[\w.-]+\/[\w./-]+$)|\.(pem|key|crt|cer|p12|pfx|jks|json|txt|ya?ml|env|keystore|der|pub|gpg|asc)$/i;
/** Public halves and non-secrets in secret-shaped clothing: Stripe publishable and test keys, public keys, certificates. */
const PUBLIC_OR_TEST = /^(pk_(live|test)_|pk\.eyJ|sk_test_|rk_test_|-----BEGIN (RSA |EC |PGP )?PUBLIC KEY|-----BEGIN CERTIFICATE|ssh-(rsa|ed25519|dss) AAAA|ecdsa-sha2-|AAAAB3NzaC1yc2E)/;
/** Password hashes: a hard-coded hash is not the password. */
const PASSWORD_HASH = /^\$(2[abxy]?|argon2(id|i|d)?|scrypt|pbkdf2[\w-]*|[156]|y|7)\$/;

/** True when a value is a placeholder, template, reference, mask or public value rather than a secret. */
export function isPlaceholder(raw: string): boolean {
  const value = raw.trim();
  if (value.length === 0) return true;
  if (TEMPLATE_MARKERS.test(value) || FILLER.test(value) || REFERENCE.test(value) || PUBLIC_OR_TEST.test(value) || PASSWORD_HASH.test(value)) return true;
  const compact = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (compact.length === 0) return true;
  if (PLACEHOLDER_PREFIXES.test(compact) || PLACEHOLDER_WORDS.has(compact) || ENUM_VALUES.has(value.toLowerCase())) return true;
  if (WORDY_PLACEHOLDER_PREFIXES.test(compact) && !looksRandom(value)) return true;
  const words = valueWords(value);
  return words.some((word) => PLACEHOLDER_WORDS.has(word) && word.length >= 4 && !['secret', 'password', 'token', 'value', 'string', 'default', 'hello', 'world', 'pass', 'demo'].includes(word));
}

/** Words of a value: identifier words of each run of letters and digits (`my_api-Key2` → my, api, key2). */
function valueWords(value: string): string[] {
  return value.split(/[^A-Za-z0-9]+/).filter(Boolean).flatMap((part) => identifierWords(part));
}

/**
 * True when a value names something rather than being a secret: an environment variable name
 * (`DB_PASSWORD`), a dotted settings or i18n key (`auth.password.label`), an identifier made of
 * credential words (`access_token`, `apiKey`, `x-api-key`), or the name it is stored under.
 */
export function isNameLike(raw: string, storedUnder?: string): boolean {
  const value = raw.trim();
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(value)) return true;
  if (/^[A-Za-z][\w-]*(\.[A-Za-z][\w-]*)+$/.test(value) && !/\d/.test(value)) return true;
  const words = valueWords(value);
  if (words.length > 0 && /^[A-Za-z][A-Za-z_.\-]*$/.test(value) && words.every((word) => CREDENTIAL_VOCABULARY.has(word))) return true;
  // kebab-case and snake_case words: `blue-sky`, `dev_only`, `session-store` name things.
  if (/^[a-z]+([-_][a-z]+)+$/.test(value)) return true;
  if (storedUnder !== undefined) {
    const a = value.toLowerCase().replace(/[^a-z0-9]/g, '');
    const b = storedUnder.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (a === b || (a.length >= 4 && b.endsWith(a))) return true;
  }
  return false;
}

/**
 * True when a value reads as text for people: a phrase (`Enter your password`, `Mot de passe`),
 * a title-case word (`Password`, `Passwort`), a sentence ending in punctuation, or non-Latin letters.
 */
export function isLabel(raw: string): boolean {
  const value = raw.trim();
  if (/[\s]/.test(value) && (value.match(/[A-Za-z\u00c0-\uffff]{2,}/g) ?? []).length >= 2) return true;
  if (/^[A-Z][a-z]+$/.test(value)) return true;
  if (/\s/.test(value) && /[:?!.]$/.test(value) && /[A-Za-z]{3,}/.test(value)) return true;
  return /[^\u0000-\u024f]/.test(value) && !/\d/.test(value);
}

/** True when a value is a path, a file name or a plain URL (without credentials). */
export function isPathOrUrl(raw: string): boolean {
  return PATH_OR_URL.test(raw.trim());
}
