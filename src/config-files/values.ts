import { decodeBasic } from '../analysis/secrets/credential-value.js';
import type { CredentialKind } from '../analysis/secrets/names.js';
import type { ConfigEntry } from './parse.js';
import type { ConfigFormat } from './patterns.js';

/**
 * The credential a setting holds, decoded where the format encodes it: `.npmrc` `_auth`
 * (base64 of `user:password`) and `_password` (base64), and the `data` of a Kubernetes Secret
 * manifest (base64 is an encoding, not a protection). Undefined when the encoding is invalid.
 */
export function settingValue(format: ConfigFormat, entry: ConfigEntry, kubernetesSecret: boolean): string | undefined {
  const name = entry.path[entry.path.length - 1] ?? '';
  if (format === 'npmrc' && name.endsWith('_auth')) return decodeBasic(entry.value)?.replace(/^[^:]*:/, '');
  if ((format === 'npmrc' && name.endsWith('_password')) || (kubernetesSecret && entry.path[0] === 'data')) {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(entry.value)) return undefined;
    const decoded = Buffer.from(entry.value, 'base64').toString('utf8');
    return /^[\x20-\x7e]+$/.test(decoded) ? decoded : undefined;
  }
  return entry.value;
}

/** True when a parsed document is a Kubernetes `Secret` manifest. */
export function isKubernetesSecret(entries: readonly ConfigEntry[]): boolean {
  return entries.some((e) => e.path.length === 1 && e.path[0] === 'kind' && e.value === 'Secret');
}

/** What kind of credential a decoded setting is: `.npmrc` `_auth` and `_password` hold a password once decoded. */
export function settingKind(format: ConfigFormat, entry: ConfigEntry, kind: CredentialKind): CredentialKind {
  const name = entry.path[entry.path.length - 1] ?? '';
  return format === 'npmrc' && /_(auth|password)$/.test(name) ? 'password' : kind;
}
