import type { Confidence } from '../../rule/types.js';
import { hasValidBase62Checksum } from './checksum.js';
import { looksRandom, shannonEntropy } from './entropy.js';
import { isNameLike, isPlaceholder } from './placeholders.js';

/**
 * Detectors for credentials recognisable by their shape: provider tokens with a fixed prefix
 * (and a checksum where the format has one), private keys, JWTs carrying a payload, and URLs
 * with a password. Some formats are only recognisable with the name the value is stored
 * under (an AWS secret access key is 40 base64 characters: only `secretAccessKey` says so).
 * Every detector returns where the secret is, never its text: callers report and mask.
 */
export interface KnownSecret {
  /** Detector id: `github-token`, `private-key`, `database-url`... */
  readonly format: string;
  /** What it is, for messages: `a GitHub token`. */
  readonly kind: string;
  /** Offsets of the secret in the scanned text (end exclusive). */
  readonly start: number;
  readonly end: number;
  readonly confidence: Confidence;
}

interface Format {
  readonly format: string;
  readonly kind: string;
  /** Global, with indices (`dg`): group 1, when present, is the secret part of the match. */
  readonly pattern: RegExp;
  readonly validate?: (secret: string) => boolean;
  readonly confidence?: Confidence;
}

const NOT_TOKEN_BEFORE = '(?<![A-Za-z0-9_])';
const NOT_TOKEN_AFTER = '(?![A-Za-z0-9_])';
/**
 * For a pattern whose unbounded run (`[A-Za-z0-9_-]{16,}`) must be followed by more: starting
 * only where such a run starts keeps it linear. Otherwise every `sk-` of an `sk-sk-sk-...` string
 * starts a match that scans to the end of the run and fails (quadratic; see scripts/bench-adversarial.ts).
 */
const NOT_RUN_BEFORE = '(?<![A-Za-z0-9_-])';
const rx = (source: string): RegExp => new RegExp(source, 'dg');

/** Shapes that are placeholders whatever the format: `AKIAXXXXXXXXXXXXXXXX`, `…EXAMPLE…`, `sk_live_****`. */
const FORMAT_PLACEHOLDER = /EXAMPLE|X{5,}|x{6,}|\*{3,}|0{10,}|\.\.\.|abcdefghij|ABCDEFGHIJ|1234567890/;

const FORMATS: readonly Format[] = [
  { format: 'aws-access-key-id', kind: 'an AWS access key id', pattern: rx(`(?<![A-Za-z0-9+/])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9+/])`) },
  // (Bounded by base64 characters on both sides: inside an embedded base64 blob, `…xAKIA…` is chance.)
  { format: 'github-token', kind: 'a GitHub token', pattern: rx(`${NOT_TOKEN_BEFORE}gh[pousr]_[A-Za-z0-9]{36}${NOT_TOKEN_AFTER}`), validate: (t) => hasValidBase62Checksum(t) },
  { format: 'github-fine-grained-token', kind: 'a GitHub fine-grained token', pattern: rx(`${NOT_TOKEN_BEFORE}github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}${NOT_TOKEN_AFTER}`) },
  { format: 'gitlab-token', kind: 'a GitLab token', pattern: rx(`${NOT_TOKEN_BEFORE}gl(?:pat|dt|ptt|rt|soat|ffct|cbt|imt|agent|oas)-[A-Za-z0-9_-]{20,}(?:\\.[A-Za-z0-9_.-]+)?(?![A-Za-z0-9_-])`) },
  { format: 'slack-token', kind: 'a Slack token', pattern: rx(`${NOT_TOKEN_BEFORE}(?:xox[abposr]-\\d{8,13}-[0-9A-Za-z-]{8,}|xapp-\\d-[A-Z0-9]{9,}-\\d{9,}-[a-f0-9]{32,})`) },
  { format: 'slack-webhook', kind: 'a Slack webhook URL', pattern: rx(`https://hooks\\.slack\\.com/(?:services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,}|(?:workflows|triggers)/T[A-Z0-9]{6,}/[A-Za-z0-9]{6,}/\\d+/[A-Za-z0-9]{20,})`) },
  { format: 'stripe-secret-key', kind: 'a Stripe live secret key', pattern: rx(`${NOT_TOKEN_BEFORE}[rs]k_live_[0-9A-Za-z]{20,247}${NOT_TOKEN_AFTER}`) },
  { format: 'stripe-webhook-secret', kind: 'a Stripe webhook signing secret', pattern: rx(`${NOT_TOKEN_BEFORE}whsec_[A-Za-z0-9+/]{32,}={0,2}`) },
  { format: 'google-api-key', kind: 'a Google API key', pattern: rx(`${NOT_TOKEN_BEFORE}AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])`) },
  { format: 'google-oauth-secret', kind: 'a Google OAuth client secret', pattern: rx(`${NOT_TOKEN_BEFORE}GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])`) },
  { format: 'azure-storage-key', kind: 'an Azure storage account key', pattern: rx(`AccountKey=([A-Za-z0-9+/]{80,100}={0,2})`) },
  { format: 'azure-shared-access-key', kind: 'an Azure shared access key', pattern: rx(`SharedAccessKey=([A-Za-z0-9+/]{40,}={0,2})`) },
  { format: 'azure-sas-token', kind: 'an Azure SAS token', pattern: rx(`[?&;]sv=\\d{4}-\\d{2}-\\d{2}[^\\s'"\`]*?[?&;]sig=([A-Za-z0-9%+/]{40,}(?:%3D|=){0,2})`) },
  { format: 'twilio-api-key', kind: 'a Twilio API key', pattern: rx(`(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])`) },
  { format: 'sendgrid-api-key', kind: 'a SendGrid API key', pattern: rx(`${NOT_TOKEN_BEFORE}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])`) },
  { format: 'mailgun-api-key', kind: 'a Mailgun API key', pattern: rx(`(?<![A-Za-z0-9_-])key-[0-9a-f]{32}(?![A-Za-z0-9])`) },
  { format: 'npm-token', kind: 'an npm access token', pattern: rx(`${NOT_TOKEN_BEFORE}npm_[A-Za-z0-9]{36}${NOT_TOKEN_AFTER}`), validate: (t) => hasValidBase62Checksum(t) },
  { format: 'pypi-token', kind: 'a PyPI API token', pattern: rx(`${NOT_TOKEN_BEFORE}pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}`) },
  { format: 'openai-api-key', kind: 'an OpenAI API key', pattern: rx(`${NOT_RUN_BEFORE}sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}`) },
  { format: 'anthropic-api-key', kind: 'an Anthropic API key', pattern: rx(`${NOT_TOKEN_BEFORE}sk-ant-(?:api|admin|sid)\\d{2}-[A-Za-z0-9_-]{80,}`) },
  { format: 'discord-bot-token', kind: 'a Discord bot token', pattern: rx(`(?<![A-Za-z0-9_.-])[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}(?![A-Za-z0-9_.-])`), validate: isDiscordToken },
  { format: 'discord-webhook', kind: 'a Discord webhook URL', pattern: rx(`https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,68}`) },
  { format: 'telegram-bot-token', kind: 'a Telegram bot token', pattern: rx(`(?<![A-Za-z0-9])\\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])`) },
  { format: 'shopify-token', kind: 'a Shopify access token', pattern: rx(`${NOT_TOKEN_BEFORE}shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}${NOT_TOKEN_AFTER}`) },
  { format: 'square-token', kind: 'a Square access token', pattern: rx(`${NOT_TOKEN_BEFORE}sq0(?:atp|csp)-[0-9A-Za-z_-]{22,43}(?![A-Za-z0-9_-])`) },
  { format: 'heroku-api-key', kind: 'a Heroku API key', pattern: rx(`${NOT_TOKEN_BEFORE}HRKU-[A-Za-z0-9_-]{60}(?![A-Za-z0-9_-])`) },
  { format: 'digitalocean-token', kind: 'a DigitalOcean token', pattern: rx(`${NOT_TOKEN_BEFORE}do[opr]_v1_[a-f0-9]{64}${NOT_TOKEN_AFTER}`) },
  { format: 'huggingface-token', kind: 'a Hugging Face token', pattern: rx(`${NOT_TOKEN_BEFORE}hf_[A-Za-z]{34}${NOT_TOKEN_AFTER}`), validate: (t) => /[A-Z]/.test(t.slice(3)) && /[a-z]/.test(t.slice(3)) },
  { format: 'linear-api-key', kind: 'a Linear API key', pattern: rx(`${NOT_TOKEN_BEFORE}lin_api_[A-Za-z0-9]{40}${NOT_TOKEN_AFTER}`) },
  { format: 'postman-api-key', kind: 'a Postman API key', pattern: rx(`${NOT_TOKEN_BEFORE}PMAK-[a-f0-9]{24}-[a-f0-9]{34}${NOT_TOKEN_AFTER}`) },
  { format: 'vault-token', kind: 'a HashiCorp Vault token', pattern: rx(`${NOT_TOKEN_BEFORE}hv[sb]\\.[A-Za-z0-9_-]{90,}`) },
  { format: 'grafana-token', kind: 'a Grafana token', pattern: rx(`${NOT_TOKEN_BEFORE}(?:glsa_[A-Za-z0-9]{32}_[a-f0-9]{8}|glc_[A-Za-z0-9+/]{32,}={0,2})`) },
  { format: 'newrelic-key', kind: 'a New Relic API key', pattern: rx(`${NOT_TOKEN_BEFORE}NRAK-[A-Z0-9]{27}${NOT_TOKEN_AFTER}`) },
  { format: 'supabase-token', kind: 'a Supabase access token', pattern: rx(`${NOT_TOKEN_BEFORE}sbp_[a-f0-9]{40}${NOT_TOKEN_AFTER}`) },
  { format: 'mapbox-secret-token', kind: 'a Mapbox secret token', pattern: rx(`${NOT_TOKEN_BEFORE}sk\\.eyJ[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{20,}`) },
  { format: 'databricks-token', kind: 'a Databricks token', pattern: rx(`${NOT_TOKEN_BEFORE}dapi[a-f0-9]{32}(?:-\\d)?${NOT_TOKEN_AFTER}`) },
  { format: 'pulumi-token', kind: 'a Pulumi access token', pattern: rx(`${NOT_TOKEN_BEFORE}pul-[a-f0-9]{40}${NOT_TOKEN_AFTER}`) },
  { format: 'doppler-token', kind: 'a Doppler token', pattern: rx(`${NOT_TOKEN_BEFORE}dp\\.(?:pt|st|sa|ct|scim)\\.[A-Za-z0-9]{40,44}${NOT_TOKEN_AFTER}`) },
  { format: 'sentry-token', kind: 'a Sentry auth token', pattern: rx(`${NOT_TOKEN_BEFORE}sntr[ysu]_[A-Za-z0-9_=+/-]{40,}`) },
  { format: 'age-secret-key', kind: 'an age secret key', pattern: rx(`AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}`) },
  { format: 'atlassian-token', kind: 'an Atlassian API token', pattern: rx(`${NOT_TOKEN_BEFORE}ATATT3[A-Za-z0-9_=-]{180,}`) },
];

/** Formats recognisable only with the name the value is stored under: the whole value must match. */
const CONTEXTUAL_FORMATS: readonly { readonly format: string; readonly kind: string; readonly name: RegExp; readonly value: RegExp }[] = [
  { format: 'aws-secret-access-key', kind: 'an AWS secret access key', name: /secret_?access_?key|aws_?secret|aws.*secret.*key/i, value: /^[A-Za-z0-9/+]{40}$/ },
  { format: 'aws-session-token', kind: 'an AWS session token', name: /aws.*session.*token|^session_?token$/i, value: /^(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9/+=]{100,}$/ },
  { format: 'twilio-auth-token', kind: 'a Twilio auth token', name: /twilio/i, value: /^[0-9a-f]{32}$/ },
  { format: 'datadog-api-key', kind: 'a Datadog API key', name: /datadog|(^|[_-])dd[_-]?(api|app|application)[_-]?key/i, value: /^[0-9a-f]{32}$|^[0-9a-f]{40}$/ },
  { format: 'npm-token', kind: 'an npm access token (legacy format)', name: /_authToken$|npm_?token/i, value: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/ },
  { format: 'heroku-api-key', kind: 'a Heroku API key', name: /heroku/i, value: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/ },
  { format: 'azure-storage-key', kind: 'an Azure storage account key', name: /account_?key|storage_?key|azure.*key/i, value: /^[A-Za-z0-9+/]{86}==$/ },
  { format: 'mailgun-api-key', kind: 'a Mailgun API key', name: /mailgun/i, value: /^[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}$/ },
  { format: 'algolia-admin-key', kind: 'an Algolia admin API key', name: /algolia.*(admin|write)|(admin|write).*algolia/i, value: /^[0-9a-f]{32}$/ },
  { format: 'cloudflare-api-token', kind: 'a Cloudflare API token', name: /cloudflare|^cf_?api/i, value: /^[A-Za-z0-9_-]{40}$/ },
  { format: 'square-token', kind: 'a Square access token', name: /square/i, value: /^EAAA[A-Za-z0-9_-]{60}$/ },
  { format: 'okta-api-token', kind: 'an Okta API token', name: /okta/i, value: /^00[A-Za-z0-9_-]{40}$/ },
];

/** Schemes whose URLs carry a database or broker password. */
const DATABASE_SCHEMES = new Set([
  'postgres', 'postgresql', 'mysql', 'mysqlx', 'mariadb', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'mssql', 'sqlserver', 'oracle', 'cockroachdb',
  'clickhouse', 'cassandra', 'neo4j', 'neo4j+s', 'bolt', 'couchdb', 'amqp', 'amqps', 'nats', 'mqtt', 'mqtts', 'memcached', 'db2', 'snowflake',
  'elasticsearch', 'influxdb', 'postgis', 'timescaledb', 'sqlalchemy',
]);
const URL_SCHEMES = new Set(['http', 'https', 'ftp', 'ftps', 'sftp', 'ssh', 'git', 'ws', 'wss', 'smtp', 'smtps', 'imap', 'imaps', 'pop3', 'ldap', 'ldaps', 'socks', 'socks5', 'svn']);
const CREDENTIAL_URL = /([a-z][a-z0-9+.-]{1,24}):\/\/([^\s:@/?#'"`<>(){}\\[\]]*):([^\s@/?#'"`<>\\]+)@([A-Za-z0-9._\-[\]]*)/dg;
/** Host names of templates (`user:pass@host`); documentation domains (`example.com`) only lower the confidence. */
const PLACEHOLDER_HOST = /^(host|hostname|your[-_]?host|server|servername|domain(\.com)?|myhost|dbhost|db[-_]host|hostaddress|ip|address|<[^>]*>)$/i;
const DOCUMENTATION_HOST = /(^|\.)example\.(com|org|net)$|(^|\.)(test|invalid|example)$/i;
const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|[a-z][a-z0-9_-]*)$/i;
/** The `jwt.io` debugger's sample token: everyone's first fixture. */
const JWT_IO_SAMPLE_SUBJECT = '"sub":"1234567890","name":"John Doe"';
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.([A-Za-z0-9_-]{16,})(?![A-Za-z0-9_-])/dg;
const PRIVATE_KEY_KINDS: Readonly<Record<string, string>> = { RSA: 'an RSA private key', DSA: 'a DSA private key', EC: 'an EC private key', OPENSSH: 'an OpenSSH private key', PGP: 'a PGP private key' };
const PRIVATE_KEY_HEADER = /-----BEGIN ((?:RSA|DSA|EC|OPENSSH|PGP|ENCRYPTED|SSH2 ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----/g;

/** Substrings one of which every known format contains: a cheap test before the detectors run. */
const ANCHORS = /[Pp][Ww][Dd]\s*=|[Pp]assword\s*=|AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|gl[a-z]{1,5}-|xox[abposr]-|xapp-|hooks\.slack|k_live_|whsec_|AIza|GOCSPX-|AccountKey=|SharedAccessKey=|sig=|SK[0-9a-f]{8}|SG\.|key-[0-9a-f]|npm_|pypi-|sk-|discord|:AA|\.[A-Za-z0-9_-]{6}\.|shp[acps][ta]?_|sq0|HRKU-|do[opr]_v1_|hf_|lin_api_|PMAK-|hv[sb]\.|gl(sa|c)_|NRAK-|sbp_|sk\.eyJ|dapi|pul-|dp\.|sntr|AGE-SECRET|ATATT3|PRIVATE KEY|eyJ|:\/\//;

/**
 * Every known-format secret in a text, in order, without overlaps (provider formats first, then
 * private keys, JWTs and credential URLs). `storedUnder` is the name of the variable, property or
 * setting holding the whole text, for the formats recognisable only with their name.
 */
export function findKnownSecrets(text: string, storedUnder?: string): KnownSecret[] {
  const found: KnownSecret[] = [];
  if (storedUnder !== undefined) {
    const contextual = contextualSecret(text.trim(), storedUnder);
    if (contextual !== undefined) {
      const start = text.indexOf(text.trim());
      found.push({ ...contextual, start, end: start + text.trim().length });
    }
  }
  if (text.length < 20 || !ANCHORS.test(text)) return found;
  let accepted = found;
  for (const { format, kind, pattern, validate, confidence } of FORMATS) {
    const matches: KnownSecret[] = [];
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const [start, end] = (match.indices?.[1] ?? match.indices?.[0]) as [number, number];
      const secret = text.slice(start, end);
      if (FORMAT_PLACEHOLDER.test(match[0]) || (validate !== undefined && !validate(secret))) continue;
      matches.push({ format, kind, start, end, confidence: confidence ?? 'high' });
    }
    accepted = addNonOverlapping(accepted, matches);
  }
  accepted = addNonOverlapping(accepted, privateKeys(text));
  accepted = addNonOverlapping(accepted, jwts(text));
  accepted = addNonOverlapping(accepted, credentialUrls(text));
  return addNonOverlapping(accepted, connectionStringPasswords(text));
}

/**
 * `accepted` (sorted by start, no overlaps) plus those of `candidates` (sorted by start) that
 * overlap neither an accepted secret nor an earlier candidate: earlier detectors win. A merge of
 * two sorted lists, so a text with many matches stays linear (a 1 MB string of
 * `Server=db;Password=...` has 50,000 of them).
 */
function addNonOverlapping(accepted: readonly KnownSecret[], candidates: readonly KnownSecret[]): KnownSecret[] {
  if (candidates.length === 0) return accepted as KnownSecret[];
  const out: KnownSecret[] = [];
  let i = 0;
  let lastEnd = -1;
  for (const candidate of candidates) {
    while (i < accepted.length && (accepted[i] as KnownSecret).start < candidate.start) {
      const taken = accepted[i++] as KnownSecret;
      out.push(taken);
      lastEnd = Math.max(lastEnd, taken.end);
    }
    const next = accepted[i];
    const overlapsNext = next !== undefined && next.start < candidate.end;
    if (candidate.start >= lastEnd && !overlapsNext) {
      out.push(candidate);
      lastEnd = candidate.end;
    }
  }
  while (i < accepted.length) out.push(accepted[i++] as KnownSecret);
  return out;
}

/**
 * True when a value has the shape of a checksummed token format (GitHub classic, npm) but its
 * checksum is wrong: a made-up string, not a credential, for every secret rule alike.
 */
export function failsTokenChecksum(text: string): boolean {
  return CHECKSUMMED.test(text.trim()) && !hasValidBase62Checksum(text.trim());
}
const CHECKSUMMED = /^(gh[pousr]|npm)_[A-Za-z0-9]{36}$/;

/** The first known-format secret in a text, if any. */
export function findKnownSecret(text: string, storedUnder?: string): KnownSecret | undefined {
  return findKnownSecrets(text, storedUnder)[0];
}

function contextualSecret(value: string, name: string): Omit<KnownSecret, 'start' | 'end'> | undefined {
  for (const format of CONTEXTUAL_FORMATS) {
    if (!format.name.test(name) || !format.value.test(value)) continue;
    if (FORMAT_PLACEHOLDER.test(value) || shannonEntropy(value) < 3) continue;
    return { format: format.format, kind: format.kind, confidence: 'high' };
  }
  return undefined;
}

/** PEM private keys (RSA, DSA, EC, OpenSSH, PGP, PKCS#8, encrypted) with key material after the header; `\n` escapes count as line breaks. */
function privateKeys(text: string): KnownSecret[] {
  const found: KnownSecret[] = [];
  PRIVATE_KEY_HEADER.lastIndex = 0;
  for (let header = PRIVATE_KEY_HEADER.exec(text); header !== null; header = PRIVATE_KEY_HEADER.exec(text)) {
    let cursor = header.index + header[0].length;
    // Skip line breaks (real or escaped) and armour headers such as `Proc-Type: 4,ENCRYPTED` or `Version: GnuPG v2`.
    const skip = /(?:\s|\\[nr]|[A-Za-z][A-Za-z-]*: [^\n\\]*)*/y;
    skip.lastIndex = cursor;
    skip.exec(text);
    cursor = skip.lastIndex;
    const body = /(?:[A-Za-z0-9+/=]|\r?\n|\\[nr]| )+/y;
    body.lastIndex = cursor;
    const material = body.exec(text);
    if (material === null) continue;
    const compact = material[0].replace(/\\[nr]|\s/g, '');
    if (compact.length < 40 || !looksRandom(compact.slice(0, 64)) || FORMAT_PLACEHOLDER.test(compact)) continue;
    const rest = text.slice(cursor + material[0].length, cursor + material[0].length + 200);
    if (/^\s*(\.\.\.|…|<|\[)/.test(rest)) continue;
    const end = cursor + material[0].replace(/(\s|\\[nr])+$/, '').length;
    const kind = PRIVATE_KEY_KINDS[header[1]?.trim() ?? ''] ?? 'a private key';
    found.push({ format: 'private-key', kind, start: header.index, end, confidence: 'high' });
  }
  return found;
}

function base64UrlJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** JWTs whose header names an algorithm and whose payload is a non-empty object: a bearer credential until it expires. */
function jwts(text: string): KnownSecret[] {
  const found: KnownSecret[] = [];
  JWT.lastIndex = 0;
  for (let match = JWT.exec(text); match !== null; match = JWT.exec(text)) {
    const [headerPart, payloadPart] = match[0].split('.') as [string, string];
    const header = base64UrlJson(headerPart) as Record<string, unknown> | undefined;
    const payload = base64UrlJson(payloadPart) as Record<string, unknown> | undefined;
    if (header === undefined || typeof header !== 'object' || header === null || typeof header.alg !== 'string') continue;
    if (payload === undefined || typeof payload !== 'object' || payload === null || Object.keys(payload).length === 0) continue;
    if (JSON.stringify(payload).includes(JWT_IO_SAMPLE_SUBJECT) || header.alg === 'none') continue;
    found.push({ format: 'jwt', kind: 'a JSON Web Token', start: match.index, end: match.index + match[0].length, confidence: 'medium' });
  }
  return found;
}

/**
 * URLs with a password in their user info: database and broker connection strings
 * (`postgres://app:s3cret@db.internal/app`, `redis://:pw@cache:6379`) and basic auth in web URLs.
 * Placeholders, templates, a password equal to the user name (`postgres:postgres`) and example
 * hosts are not reported; a local host lowers the confidence. The secret is the password.
 */
function credentialUrls(text: string): KnownSecret[] {
  const found: KnownSecret[] = [];
  CREDENTIAL_URL.lastIndex = 0;
  for (let match = CREDENTIAL_URL.exec(text); match !== null; match = CREDENTIAL_URL.exec(text)) {
    const scheme = (match[1] ?? '').toLowerCase();
    const user = match[2] ?? '';
    const password = match[3] ?? '';
    const host = match[4] ?? '';
    const database = DATABASE_SCHEMES.has(scheme) || scheme.startsWith('jdbc');
    if (!database && !URL_SCHEMES.has(scheme)) continue;
    let decoded = password;
    try {
      decoded = decodeURIComponent(password);
    } catch {
      // keep the raw text
    }
    if (decoded === user || decoded.length < 5 || isPlaceholder(decoded) || isNameLike(decoded) || failsTokenChecksum(decoded) || PLACEHOLDER_HOST.test(host)) continue;
    const [start, end] = match.indices![3] as [number, number];
    found.push({
      format: database ? 'database-url' : 'url-credentials',
      kind: database ? 'a connection string with a password' : 'a URL with a password',
      start,
      end,
      confidence: host === '' || LOCAL_HOST.test(host) || DOCUMENTATION_HOST.test(host) ? 'medium' : 'high',
    });
  }
  return found;
}

const KEYWORD_CONNECTION_STRING = /(?:^|;)\s*(?:Server|Data Source|Host|Address|Addr|Network Address|Database|Initial Catalog|DSN|Driver)\s*=/i;
const CONNECTION_STRING_PASSWORD = /(?:^|;)\s*(?:Password|Pwd)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^;'"]*))/dgi;

/**
 * Passwords in keyword connection strings (ADO.NET, ODBC, JDBC-style properties):
 * `Server=db;Database=app;User Id=sa;Password=…;`. The secret is the password value.
 */
function connectionStringPasswords(text: string): KnownSecret[] {
  if (!KEYWORD_CONNECTION_STRING.test(text)) return [];
  const found: KnownSecret[] = [];
  CONNECTION_STRING_PASSWORD.lastIndex = 0;
  for (let match = CONNECTION_STRING_PASSWORD.exec(text); match !== null; match = CONNECTION_STRING_PASSWORD.exec(text)) {
    const group = match[1] !== undefined ? 1 : match[2] !== undefined ? 2 : 3;
    const [start, end] = match.indices![group] as [number, number];
    const password = text.slice(start, end).trim();
    if (password.length < 5 || isPlaceholder(password) || isNameLike(password) || failsTokenChecksum(password)) continue;
    found.push({ format: 'connection-string', kind: 'a connection string with a password', start, end: start + password.length, confidence: 'high' });
  }
  return found;
}

function isDiscordToken(token: string): boolean {
  const first = token.split('.')[0] ?? '';
  const id = Buffer.from(first, 'base64').toString('latin1');
  return /^\d{17,20}$/.test(id);
}
