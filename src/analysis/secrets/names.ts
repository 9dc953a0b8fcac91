import { identifierWords } from '../crypto-values.js';

/**
 * What a name says a value is, when it names a credential: `password`, `dbPass`, `JWT_SECRET`,
 * `apiKey`, `X-Api-Key`, `_authToken`, `clientSecret`, `Authorization`. The head of an English
 * compound is its last word, so `passwordField`, `tokenUrl`, `secretName` and `apiKeyHeader`
 * name something else; `key` and `token` need a qualifier (`apiKey`, but not `cacheKey`,
 * `TOKEN_KEY`, `nextPageToken` or `colorToken`).
 */
export type CredentialKind = 'password' | 'secret' | 'token' | 'key' | 'privateKey' | 'auth' | 'authorization' | 'credentials';

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'passcode', 'passwort', 'pword']);
/** `pass` is a password only after one of these (`dbPass`, `smtp_pass`), or alone. */
const PASS_QUALIFIERS = new Set([
  'db', 'database', 'smtp', 'mail', 'email', 'user', 'admin', 'root', 'ftp', 'sftp', 'ssh', 'proxy', 'redis', 'mysql', 'postgres', 'pg', 'mongo',
  'mongodb', 'rabbit', 'rabbitmq', 'amqp', 'ldap', 'bind', 'service', 'account', 'app', 'api', 'basic', 'auth', 'login', 'sql', 'mssql', 'oracle',
  'imap', 'pop', 'vpn', 'wifi', 'store', 'keystore', 'truststore', 'master', 'sa', 'sys', 'system', 'default', 'kafka', 'sasl', 'es', 'elastic',
]);
/** Words before `password` that make the name an action or a rule about passwords. */
const NOT_A_PASSWORD_BEFORE = new Set(['forgot', 'forgotten', 'reset', 'change', 'update', 'show', 'hide', 'toggle', 'visible', 'strength', 'min', 'max', 'expired', 'expire', 'require', 'requires', 'validate', 'verify', 'check', 'has', 'is', 'no', 'without', 'use', 'enable', 'disable', 'allow', 'set', 'get', 'generate', 'random', 'hashed', 'hash', 'encrypted', 'masked']);
const TOKEN_WORDS = new Set(['token', 'tokens']);
/** Tokens that are not credentials: pagination, cancellation, lexers, design systems, devices, CSRF. */
const NOT_A_CREDENTIAL_TOKEN = new Set([
  'page', 'next', 'prev', 'previous', 'cursor', 'continuation', 'sync', 'pagination', 'cancel', 'cancellation', 'abort', 'lexer', 'lex', 'parser',
  'syntax', 'design', 'theme', 'color', 'colour', 'style', 'spacing', 'font', 'css', 'event', 'device', 'push', 'fcm', 'apns', 'registration',
  'notification', 'csrf', 'xsrf', 'forgery', 'invite', 'invitation', 'unsubscribe', 'verification', 'confirmation', 'reset', 'magic', 'mock',
  'fake', 'test', 'dummy', 'sample', 'example', 'placeholder', 'end', 'start', 'eof', 'separator', 'delimiter', 'string', 'number', 'keyword',
  'identifier', 'operator', 'punctuation', 'bracket', 'word', 'text', 'type', 'kind', 'injection', 'di', 'provider', 'expired', 'invalid', 'bad',
  'wrong', 'malformed', 'public', 'publishable', 'anon', 'anonymous', 'guest',
]);
/** Words that make a `key` a secret: `apiKey`, `SECRET_KEY`, `privateKey`, `stripeKey`. */
const KEY_QUALIFIERS = new Set([
  'api', 'secret', 'private', 'access', 'signing', 'sign', 'encryption', 'encrypt', 'decryption', 'decrypt', 'master', 'client', 'app',
  'application', 'auth', 'license', 'licence', 'session', 'hmac', 'jwt', 'crypto', 'aes', 'webhook', 'service', 'account', 'admin', 'server',
  'consumer', 'subscription', 'developer', 'write', 'shared', 'root', 'cipher', 'gpg', 'pgp', 'ssh', 'rsa', 'deploy', 'deployment',
  'integration', 'partner', 'merchant', 'management', 'mgmt', 'rest', 'sdk', 'ingest', 'ingestion', 'secure', 'stripe', 'twilio', 'sendgrid',
  'mailgun', 'mailchimp', 'openai', 'anthropic', 'datadog', 'pusher', 'paypal', 'braintree', 'shopify', 'heroku', 'cloudflare', 'digitalocean',
  'supabase', 'vercel', 'netlify', 'algolia', 'contentful', 'segment', 'mixpanel', 'amplitude', 'newrelic', 'bugsnag', 'rollbar', 'postmark',
  'mandrill', 'sparkpost', 'mapbox', 'pagerduty', 'opsgenie', 'airtable', 'notion', 'linear', 'okta', 'auth0', 'clerk', 'plaid', 'coinbase',
  'binance', 'etherscan', 'infura', 'alchemy', 'moralis', 'pinata', 'huggingface', 'replicate', 'cohere', 'groq', 'mistral', 'gemini', 'elevenlabs',
]);
/** Words that make a `key` something else: a map key, a storage slot name, a database key, a public key. */
const NOT_A_SECRET_KEY = new Set([
  'public', 'pub', 'publishable', 'primary', 'foreign', 'sort', 'partition', 'cache', 'storage', 'map', 'object', 'idempotency', 'i18n',
  'translation', 'react', 'unique', 'composite', 'hot', 'keyboard', 'shortcut', 'toggle', 'hash', 'lookup', 'dedupe', 'dedup', 'query', 'route',
  'list', 'item', 'row', 'column', 'field', 'form', 'local', 's3', 'bucket', 'file', 'path', 'meta', 'metadata', 'prop', 'state', 'context',
  'message', 'label', 'config', 'env', 'setting', 'settings', 'option', 'header', 'param', 'search', 'site', 'recaptcha', 'captcha', 'cookie',
  'redis', 'kv', 'memo', 'registry', 'symbol', 'event', 'name', 'store', 'index', 'tracking', 'analytics', 'publish', 'maps', 'browser',
]);
const AUTH_NOT_BEFORE = new Set(['use', 'require', 'requires', 'required', 'enable', 'enabled', 'disable', 'skip', 'no', 'has', 'is', 'with', 'needs', 'need', 'should', 'can', 'allow']);
const CREDENTIAL_WORDS = new Set(['credential', 'credentials', 'creds', 'cred']);
/** Single-word spellings (`APIKEY`, `dbpassword`, `authtoken`) and what they mean. */
const FUSED: readonly (readonly [RegExp, CredentialKind])[] = [
  [/(password|passwd|passphrase)$/, 'password'],
  [/^privatekey$/, 'privateKey'],
  [/(apikey|secretkey|accesskey|masterkey|signingkey|apisecret)$/, 'key'],
  [/(clientsecret|appsecret|secret)$/, 'secret'],
  [/(apitoken|authtoken|accesstoken|refreshtoken|bottoken|bearertoken)$/, 'token'],
];
/** Trailing words that qualify the value but not what it is: `passwordValue`, `API_KEY_V2`, `SECRET_PROD`. */
const TRAILING_NOISE = /^(value|val|str|string|raw|plain|plaintext|literal|b64|base64|hex|prod|production|dev|development|staging|stage|local|live|sandbox|override|fallback|bytes|buf|buffer|v?\d+)$/;
const LEADING_NEGATIVE = new Set(['is', 'has', 'show', 'hide', 'toggle', 'should', 'can', 'allow', 'enable', 'disable', 'use', 'validate', 'check', 'get', 'fetch', 'load', 'on', 'handle', 'min', 'max', 'num', 'count']);

/** The credential a name denotes, or undefined. Accepts identifiers, property keys, header names and config keys. */
export function credentialKind(rawName: string): CredentialKind | undefined {
  // `//registry.npmjs.org/:_authToken`, `spring.datasource.password`, `db:password`: the last segment names the value.
  const name = rawName.slice(Math.max(rawName.lastIndexOf(':'), rawName.lastIndexOf('.'), rawName.lastIndexOf('/')) + 1);
  const words = identifierWords(name);
  while (words.length > 1 && TRAILING_NOISE.test(words[words.length - 1]!)) words.pop();
  if (words.length === 0 || LEADING_NEGATIVE.has(words[0]!) && words.length > 1) return undefined;
  const last = words[words.length - 1]!;
  const before = words.slice(0, -1);
  const previous = before[before.length - 1];

  if (PASSWORD_WORDS.has(last)) return before.some((w) => NOT_A_PASSWORD_BEFORE.has(w)) ? undefined : 'password';
  if (last === 'pass' || last === 'pw') return before.length === 0 || (previous !== undefined && PASS_QUALIFIERS.has(previous)) ? 'password' : undefined;
  if (last === 'secret' || last === 'secrets') return 'secret';
  if (last === 'base' && words.includes('secret')) return 'secret';
  if (TOKEN_WORDS.has(last)) return before.some((w) => NOT_A_CREDENTIAL_TOKEN.has(w)) ? undefined : 'token';
  if (last === 'key' || last === 'keys') {
    if (before.some((w) => NOT_A_SECRET_KEY.has(w))) return undefined;
    if (previous === 'private') return 'privateKey';
    return before.some((w) => KEY_QUALIFIERS.has(w)) ? 'key' : undefined;
  }
  if (last === 'auth') return before.some((w) => AUTH_NOT_BEFORE.has(w)) ? undefined : 'auth';
  if (last === 'authorization') return 'authorization';
  if (CREDENTIAL_WORDS.has(last)) return 'credentials';
  if (words.length === 1) {
    for (const [pattern, kind] of FUSED) if (pattern.test(last)) return kind;
  }
  return undefined;
}

/** Words that only ever describe credentials: a value made of them is a name or a label, not a secret. */
export const CREDENTIAL_VOCABULARY: ReadonlySet<string> = new Set([
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode', 'passwort', 'secret', 'secrets', 'token', 'tokens', 'key', 'keys', 'api', 'apikey',
  'auth', 'authorization', 'authentication', 'credential', 'credentials', 'creds', 'access', 'refresh', 'client', 'app', 'user', 'username',
  'db', 'database', 'jwt', 'session', 'bearer', 'basic', 'x', 'id', 'new', 'old', 'current', 'confirm', 'confirmation', 'reset', 'service',
  'account', 'private', 'public', 'bot', 'oauth', 'oauth2', 'code', 'grant', 'type', 'hash', 'salt', 'master', 'admin', 'root', 'login', 'signin',
  'value', 'field', 'input', 'form', 'name', 'your', 'my', 'the', 'a', 'an', 'for', 'of', 'here', 'personal', 'github', 'gitlab', 'npm', 'aws',
  'stripe', 'slack', 'google', 'secure', 'one', 'time', 'otp', 'cookie', 'csrf', 'xsrf', 'header', 'request', 'response', 'env', 'environment',
  'default', 'local', 'storage', 'item', 'encryption', 'signing', 'sign', 'verify', 'verification', 'server', 'webhook', 'consumer', 'store',
  'contrasena', 'senha', 'wachtwoord', 'motdepasse', 'salasana', 'parola', 'heslo', 'lozinka', 'geslo', 'adgangskode', 'passord', 'sifre',
  'jelszo', 'wagwoord', 'parool', 'paroli', 'katasandi', 'matkhau', 'lykilord', 'psw', 'pw', 'passw0rd', 'p4ssword', 'pa55word', 'passwort',
  // Default users and passwords of local development databases and brokers (`POSTGRES_PASSWORD: postgres`, `guest:guest`).
  'postgres', 'postgresql', 'mysql', 'mariadb', 'mongo', 'mongodb', 'redis', 'rabbitmq', 'guest', 'docker', 'dev', 'development', 'local', 'localhost',
]);
