import type { Confidence } from '../../rule/types.js';
import { looksLikeGeneratedOrMixed, looksRandom } from './entropy.js';
import { failsTokenChecksum } from './formats.js';
import type { CredentialKind } from './names.js';
import { isLabel, isNameLike, isPathOrUrl, isPlaceholder } from './placeholders.js';

/** Authorization schemes a header value starts with; what follows is the credential. */
const AUTH_SCHEME = /^(Bearer|Token|Bot|Basic|Digest|ApiKey|Api-Key|SSWS|GenieKey|Key|OAuth)\s+(\S+)$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/;
const VERSION_OR_DATE = /^v?\d+(\.\d+){1,3}([-+][\w.]+)?$|^\d{4}-\d{2}-\d{2}/;

/**
 * Whether a constant stored under a credential name is a real-looking credential, and how sure
 * that is: `medium` for passwords and for random-looking tokens, `low` for word-like secrets
 * (`supersecretkey`). Undefined for placeholders, labels, names, references, paths, URLs,
 * public values and values too short or too plain for the kind of credential.
 */
export function assessCredentialValue(raw: string, kind: CredentialKind, storedUnder?: string): Confidence | undefined {
  const value = raw.trim();
  if (value.length < 4 || value.length > 4096) return undefined;
  if ((kind === 'authorization' || kind === 'auth') && AUTH_SCHEME.test(value)) return assessAuthorization(value, kind);
  if (isPlaceholder(value) || isPathOrUrl(value) || isLabel(value) || isNameLike(value, storedUnder)) return undefined;
  if (EMAIL.test(value) || VERSION_OR_DATE.test(value) || failsTokenChecksum(value)) return undefined;
  switch (kind) {
    case 'authorization':
    case 'auth':
      return assessAuthorization(value, kind);
    case 'password':
      return /\s/.test(value) && !looksLikeGeneratedOrMixed(value) ? undefined : 'medium';
    case 'credentials':
    case 'privateKey':
      return looksRandom(value) ? 'medium' : undefined;
    default:
      if (value.length < 8 || !/[A-Za-z]/.test(value) || /\s/.test(value)) return undefined;
      if ((kind === 'token' || kind === 'key') && isIdentifierOfWords(value)) return undefined;
      // `token = "yesterday"`, `tokenValue === "arguments"`: a token is never one lowercase word.
      if (kind === 'token' && /^[a-z]+$/.test(value)) return undefined;
      return looksRandom(value) ? 'medium' : 'low';
  }
}

const KEYWORDS = new Set(['function', 'template', 'return', 'typeof', 'instanceof', 'default', 'continue', 'debugger', 'extends', 'implements', 'interface', 'package', 'private', 'protected', 'abstract', 'declare', 'namespace', 'readonly', 'unique', 'undefined', 'accessor', 'satisfies']);

/**
 * Lexers compare `token === "function"`, date formatters set `token = "lastWeek"`, frameworks name
 * keys `'previewModeSigningKey'`, autocomplete lists hold `'address-line1'`: for tokens and keys, a
 * value made of words (camelCase, kebab, snake, an optional sigil and a short number at the end)
 * is a name. Random letters split into fragments (`xKqPzRt` -> x, Kq, Pz, Rt), so they still count.
 */
function isIdentifierOfWords(value: string): boolean {
  const body = value.replace(/^[^A-Za-z0-9]/, '').replace(/\d{1,2}$/, '');
  if (!/^[A-Za-z]+(?:[-_.$]?[A-Za-z]+)*$/.test(body)) return false;
  const words = body.split(/[-_.$]|(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
  // One plain word (`supersecretkey`) may well be a made-up secret; a keyword or a sigil says name.
  if (words.length < 2 && !KEYWORDS.has(body) && body === value) return false;
  const isWord = (word: string): boolean => /^([A-Z]{2,5}|[AI])$/.test(word) || (word.length >= 2 && /[aeiouy]/i.test(word) && !/^[A-Z]{2,}[a-z]/.test(word));
  return words.length <= 6 && words.every(isWord);
}

function assessAuthorization(value: string, kind: 'auth' | 'authorization'): Confidence | undefined {
  const scheme = AUTH_SCHEME.exec(value);
  if (scheme !== null) {
    const credential = scheme[2] ?? '';
    if (/^basic$/i.test(scheme[1] ?? '')) {
      const decoded = decodeBasic(credential);
      return decoded === undefined ? undefined : assessUserPassword(decoded);
    }
    return assessCredentialValue(credential, 'token');
  }
  if (/^[^:\s]+:[^:\s]+$/.test(value)) return assessUserPassword(value);
  return kind === 'auth' ? (looksRandom(value) ? 'medium' : undefined) : assessCredentialValue(value, 'token');
}

/** `user:password`: the password part decides. */
function assessUserPassword(pair: string): Confidence | undefined {
  const colon = pair.indexOf(':');
  if (colon < 0) return undefined;
  const user = pair.slice(0, colon);
  const password = pair.slice(colon + 1);
  if (password === user) return undefined;
  return assessCredentialValue(password, 'password');
}

/** The `user:password` a Basic credential encodes, when it is valid base64 of printable text. */
export function decodeBasic(encoded: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return undefined;
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  return /^[\x20-\x7e]+:[\x20-\x7e]+$/.test(text) ? text : undefined;
}
