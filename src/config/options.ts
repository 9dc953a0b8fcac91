/**
 * Checks a rule's options against its `schema` (a JSON Schema subset: `type`, `enum`, `items`,
 * `minimum`, `maximum`, `minItems`, `minLength`), so a wrong value is a config error naming the
 * key path, as for every other key, and never reaches the rule.
 */
export function optionValueProblem(schema: Readonly<Record<string, unknown>>, value: unknown, keyPath: string): { keyPath: string; expected: string } | undefined {
  const expected = describeSchema(schema);
  const type = schema.type as string | string[] | undefined;
  if (type !== undefined && !(Array.isArray(type) ? type : [type]).some((t) => hasType(value, t))) return { keyPath, expected };
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => allowed === value)) return { keyPath, expected };
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) return { keyPath, expected };
    if (typeof schema.maximum === 'number' && value > schema.maximum) return { keyPath, expected };
  }
  if (typeof value === 'string' && typeof schema.minLength === 'number' && value.length < schema.minLength) return { keyPath, expected };
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) return { keyPath, expected };
    const items = schema.items as Readonly<Record<string, unknown>> | undefined;
    if (items !== undefined && typeof items === 'object') {
      for (let i = 0; i < value.length; i++) {
        const problem = optionValueProblem(items, value[i], `${keyPath}[${i}]`);
        if (problem !== undefined) return problem;
      }
    }
  }
  return undefined;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return true;
  }
}

/** "an array of strings", "one of a, b", "an integer from 1 to 10": what the error says was expected. */
function describeSchema(schema: Readonly<Record<string, unknown>>): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type as string | undefined);
  if (type === 'array') {
    const items = schema.items as Readonly<Record<string, unknown>> | undefined;
    const of = items === undefined ? '' : ` of ${describeSchema(items).replace(/^an? /, '')}${items.type === 'string' || items.type === 'number' || items.type === 'integer' || items.type === 'boolean' ? 's' : ''}`;
    return `an array${of}`;
  }
  const range = typeof schema.minimum === 'number' || typeof schema.maximum === 'number' ? ` from ${schema.minimum ?? '-∞'} to ${schema.maximum ?? '∞'}` : '';
  if (type === undefined) return 'a valid value';
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}${range}`;
}
