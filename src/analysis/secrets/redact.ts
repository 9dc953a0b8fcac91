/**
 * How a report may describe a secret: at most its first four characters (a format prefix such
 * as `ghp_` or `AKIA`, and only for values of 16 characters or more) and its length, never more.
 */
export function describeSecret(secret: string): string {
  const visible = secret.length >= 16 ? secret.slice(0, 4) : '';
  return `${visible}****…(${secret.length} chars)`;
}
