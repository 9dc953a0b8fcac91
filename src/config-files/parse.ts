import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node as YamlNode } from 'yaml';
import type { ConfigFormat } from './patterns.js';

/**
 * Reads the values of configuration files, format by format, with where each value is written:
 * a secret is found in a value (not by a regular expression over the raw bytes), and reported
 * and masked at the value's own position. Parsers are tolerant: a damaged file yields the
 * values read before the damage. No dependency beyond `yaml`, which tsbandit already uses.
 */
export interface ConfigEntry {
  /** Keys from the document root to the value (`['services', 'db', 'environment', 'POSTGRES_PASSWORD']`); array items by index. */
  readonly path: readonly string[];
  /** The value as the format decodes it (escapes resolved). */
  readonly value: string;
  /** Offsets of the value as written in the file, quotes excluded (end exclusive). */
  readonly start: number;
  readonly end: number;
  /** The text between start and end is exactly `value` (no escapes), so offsets inside the value map one to one. */
  readonly verbatim: boolean;
}

export interface ConfigComment {
  /** Offsets of the comment text, marker (`#`, `;`, `//`) excluded. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface ParsedConfig {
  readonly entries: ConfigEntry[];
  readonly comments: ConfigComment[];
}

const MAX_DEPTH = 64;

export function parseConfig(text: string, format: ConfigFormat): ParsedConfig {
  switch (format) {
    case 'env':
      return parseEnv(text);
    case 'json':
      return parseJson(text);
    case 'yaml':
      return parseYaml(text);
    case 'toml':
      return parseToml(text);
    case 'ini':
    case 'npmrc':
    case 'properties':
      return parseIni(text, format);
    case 'pem':
      return { entries: [], comments: [] };
  }
}

const entry = (path: readonly string[], value: string, start: number, end: number, text: string): ConfigEntry => ({
  path,
  value,
  start,
  end,
  verbatim: text.slice(start, end) === value,
});

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\', '/': '/', '`': '`', $: '$', '=': '=', ':': ':', ' ': ' ', '#': '#', '!': '!' };

function unescape(raw: string): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (whole, code: string) => {
    if ((code[0] === 'u' && code.length === 5) || (code[0] === 'U' && code.length === 9)) {
      const point = Number.parseInt(code.slice(1), 16);
      return point <= 0x10ffff ? String.fromCodePoint(point) : whole;
    }
    return ESCAPES[code] ?? whole;
  });
}

// ---------------------------------------------------------------- .env

/** dotenv syntax: `KEY=value`, `export KEY=value`, quoted values (double quotes expand `\n`, may span lines), `# comments`. */
function parseEnv(text: string): ParsedConfig {
  const entries: ConfigEntry[] = [];
  const comments: ConfigComment[] = [];
  const assignment = /[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*[=:][ \t]*/y;
  let position = 0;
  while (position < text.length) {
    const lineEnd = endOfLine(text, position);
    const line = text.slice(position, lineEnd);
    const trimmed = line.trimStart();
    if (trimmed.startsWith('#')) {
      const start = position + (line.length - trimmed.length) + 1;
      comments.push({ start, end: lineEnd, text: text.slice(start, lineEnd) });
      position = nextLine(text, lineEnd);
      continue;
    }
    assignment.lastIndex = position;
    const match = assignment.exec(text);
    if (match === null || assignment.lastIndex > lineEnd) {
      position = nextLine(text, lineEnd);
      continue;
    }
    const key = match[1] ?? '';
    let cursor = assignment.lastIndex;
    const quote = text[cursor];
    if (quote === '"' || quote === "'" || quote === '`') {
      const close = closingQuote(text, cursor + 1, quote, quote !== "'");
      const end = close < 0 ? lineEnd : close;
      const raw = text.slice(cursor + 1, end);
      entries.push(entry([key], quote === '"' ? unescape(raw) : raw, cursor + 1, end, text));
      cursor = close < 0 ? lineEnd : close + 1;
    } else {
      let end = lineEnd;
      const hash = text.slice(cursor, lineEnd).search(/\s#/);
      if (hash >= 0) end = cursor + hash;
      while (end > cursor && /\s/.test(text[end - 1] ?? '')) end--;
      if (end > cursor) entries.push(entry([key], text.slice(cursor, end), cursor, end, text));
      cursor = end;
    }
    const rest = endOfLine(text, cursor);
    const comment = text.slice(cursor, rest).indexOf('#');
    if (comment >= 0) comments.push({ start: cursor + comment + 1, end: rest, text: text.slice(cursor + comment + 1, rest) });
    position = nextLine(text, rest);
  }
  return { entries, comments };
}

function endOfLine(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  const end = lf < 0 ? text.length : lf;
  return end > from && text[end - 1] === '\r' ? end - 1 : end;
}

function nextLine(text: string, lineEnd: number): number {
  const lf = text.indexOf('\n', lineEnd);
  return lf < 0 ? text.length : lf + 1;
}

/** The offset of the quote closing a string opened before `from`, or -1. */
function closingQuote(text: string, from: number, quote: string, escapes: boolean): number {
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (escapes && ch === '\\') i++;
    else if (ch === quote) return i;
  }
  return -1;
}

// ---------------------------------------------------------------- JSON (and JSONC)

interface JsonFrame {
  readonly kind: 'object' | 'array';
  readonly path: readonly string[];
  key: string | undefined;
  index: number;
}

/** JSON with comments and trailing commas tolerated (tsconfig, VS Code settings). Iterative: any depth. */
function parseJson(text: string): ParsedConfig {
  const entries: ConfigEntry[] = [];
  const comments: ConfigComment[] = [];
  const stack: JsonFrame[] = [];
  let i = 0;
  const pathHere = (): string[] | undefined => {
    const frame = stack[stack.length - 1];
    if (frame === undefined) return [];
    if (frame.kind === 'array') return [...frame.path, String(frame.index)];
    return frame.key === undefined ? undefined : [...frame.path, frame.key];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === ',' || ch === ':' || ch === '\ufeff') {
      if (ch === ',') {
        const frame = stack[stack.length - 1];
        if (frame?.kind === 'array') frame.index++;
        else if (frame !== undefined) frame.key = undefined;
      }
      i++;
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      const end = endOfLine(text, i);
      comments.push({ start: i + 2, end, text: text.slice(i + 2, end) });
      i = end;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close;
      comments.push({ start: i + 2, end, text: text.slice(i + 2, end) });
      i = close < 0 ? text.length : close + 2;
      continue;
    }
    if (ch === '{' || ch === '[') {
      const path = pathHere() ?? [];
      if (stack.length >= 512) break;
      stack.push({ kind: ch === '{' ? 'object' : 'array', path, key: undefined, index: 0 });
      i++;
      continue;
    }
    if (ch === '}' || ch === ']') {
      stack.pop();
      i++;
      continue;
    }
    if (ch === '"') {
      const close = closingQuote(text, i + 1, '"', true);
      if (close < 0) break;
      const raw = text.slice(i + 1, close);
      const value = raw.includes('\\') ? unescape(raw) : raw;
      const frame = stack[stack.length - 1];
      if (frame?.kind === 'object' && frame.key === undefined) {
        frame.key = value;
      } else {
        const path = pathHere();
        if (path !== undefined) entries.push(entry(path, value, i + 1, close, text));
      }
      i = close + 1;
      continue;
    }
    // numbers, true, false, null: not strings
    const word = /[^\s,:\]}]+/y;
    word.lastIndex = i;
    const matched = word.exec(text);
    i = matched === null ? i + 1 : word.lastIndex;
  }
  return { entries, comments };
}

// ---------------------------------------------------------------- YAML

/** YAML through the `yaml` package's document model: every scalar string with its key path and source range. */
function parseYaml(text: string): ParsedConfig {
  const entries: ConfigEntry[] = [];
  const comments: ConfigComment[] = [];
  let position = 0;
  while (position < text.length) {
    const lineEnd = endOfLine(text, position);
    const line = text.slice(position, lineEnd);
    const trimmed = line.trimStart();
    if (trimmed.startsWith('#')) {
      const start = position + (line.length - trimmed.length) + 1;
      comments.push({ start, end: lineEnd, text: text.slice(start, lineEnd) });
    }
    position = nextLine(text, lineEnd);
  }
  let documents;
  try {
    documents = parseAllDocuments(text, { uniqueKeys: false, strict: false, prettyErrors: false });
  } catch {
    return { entries, comments };
  }
  const list = Array.isArray(documents) ? documents : [documents];
  for (const document of list) {
    const visit = (node: YamlNode | null | undefined, path: readonly string[], depth: number): void => {
      if (node == null || depth > MAX_DEPTH) return;
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
          if (key !== undefined) visit(pair.value as YamlNode | null, [...path, key], depth + 1);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, index) => {
          // docker-compose `environment: ['DB_PASSWORD=…']`: the item is a KEY=value pair.
          if (isScalar(item) && typeof item.value === 'string' && /^[A-Za-z_][A-Za-z0-9_.-]*=/.test(item.value) && item.type === 'PLAIN' && item.range) {
            const equals = item.value.indexOf('=');
            const start = item.range[0] + equals + 1;
            if (item.range[1] > start) entries.push(entry([...path, item.value.slice(0, equals)], item.value.slice(equals + 1), start, item.range[1], text));
            return;
          }
          visit(item as YamlNode | null, [...path, String(index)], depth + 1);
        });
      } else if (isScalar(node) && typeof node.value === 'string' && node.range) {
        // A custom tag (`!Ref DbPassword`, `!vault`, `!Secret`) refers to a value kept elsewhere.
        if (node.tag !== undefined && !node.tag.startsWith('tag:yaml.org')) return;
        const [from, valueEnd] = node.range;
        let start = from;
        let end = valueEnd;
        if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
          start = from + 1;
          end = Math.max(start, valueEnd - 1);
        } else if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
          start = nextLine(text, endOfLine(text, from));
          while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
        }
        entries.push(entry(path, node.value, start, end, text));
      }
    };
    visit(document.contents as YamlNode | null, [], 0);
  }
  return { entries, comments };
}

// ---------------------------------------------------------------- TOML

/** TOML: tables, dotted and quoted keys, the four string kinds, arrays and inline tables. */
function parseToml(text: string): ParsedConfig {
  const entries: ConfigEntry[] = [];
  const comments: ConfigComment[] = [];
  let i = 0;
  let table: string[] = [];
  const skipBlank = (newlines: boolean): void => {
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === ' ' || ch === '\t' || ((ch === '\n' || ch === '\r') && newlines)) i++;
      else if (ch === '#') {
        const end = endOfLine(text, i);
        comments.push({ start: i + 1, end, text: text.slice(i + 1, end) });
        i = end;
      } else break;
    }
  };
  const readKey = (stop: string): string[] => {
    const parts: string[] = [];
    while (i < text.length) {
      skipBlank(false);
      const ch = text[i];
      if (ch === '"' || ch === "'") {
        const close = closingQuote(text, i + 1, ch, ch === '"');
        if (close < 0) return parts;
        parts.push(ch === '"' ? unescape(text.slice(i + 1, close)) : text.slice(i + 1, close));
        i = close + 1;
      } else {
        const bare = /[A-Za-z0-9_-]+/y;
        bare.lastIndex = i;
        const match = bare.exec(text);
        if (match === null) return parts;
        parts.push(match[0]);
        i = bare.lastIndex;
      }
      skipBlank(false);
      if (text[i] === '.') i++;
      else if (stop.includes(text[i] ?? '')) return parts;
      else return parts;
    }
    return parts;
  };
  const readValue = (path: readonly string[], depth: number): void => {
    skipBlank(false);
    const ch = text[i];
    if (depth > MAX_DEPTH) return;
    if (text.startsWith('"""', i) || text.startsWith("'''", i)) {
      const fence = text.slice(i, i + 3);
      let start = i + 3;
      if (text[start] === '\r') start++;
      if (text[start] === '\n') start++;
      const close = text.indexOf(fence, start);
      const end = close < 0 ? text.length : close;
      const raw = text.slice(start, end);
      entries.push(entry(path, fence === '"""' ? unescape(raw.replace(/\\\r?\n\s*/g, '')) : raw, start, end, text));
      i = close < 0 ? text.length : close + 3;
    } else if (ch === '"' || ch === "'") {
      const close = closingQuote(text, i + 1, ch, ch === '"');
      const end = close < 0 ? endOfLine(text, i) : close;
      const raw = text.slice(i + 1, end);
      entries.push(entry(path, ch === '"' ? unescape(raw) : raw, i + 1, end, text));
      i = close < 0 ? end : close + 1;
    } else if (ch === '[') {
      i++;
      for (let index = 0; i < text.length; index++) {
        skipBlank(true);
        if (text[i] === ']') {
          i++;
          return;
        }
        const before = i;
        readValue([...path, String(index)], depth + 1);
        skipBlank(true);
        if (text[i] === ',') i++;
        else if (text[i] !== ']' && i === before) i++;
      }
    } else if (ch === '{') {
      i++;
      while (i < text.length) {
        skipBlank(false);
        if (text[i] === '}') {
          i++;
          return;
        }
        const before = i;
        const key = readKey('=');
        if (text[i] === '=') {
          i++;
          readValue([...path, ...key], depth + 1);
        }
        skipBlank(false);
        if (text[i] === ',') i++;
        else if (text[i] !== '}' && (i === before || text[i] === '\n' || text[i] === undefined)) {
          if (i === before) i++;
          if (text[i] === '\n' || text[i] === undefined) return;
        }
      }
    } else {
      const word = /[^\s,\]}#]+/y;
      word.lastIndex = i;
      i = word.exec(text) === null ? i + 1 : word.lastIndex;
    }
  };
  while (i < text.length) {
    skipBlank(true);
    if (i >= text.length) break;
    if (text[i] === '[') {
      const array = text[i + 1] === '[';
      i += array ? 2 : 1;
      table = readKey(']');
      i = nextLine(text, endOfLine(text, i));
      continue;
    }
    const lineStart = i;
    const key = readKey('=');
    if (text[i] === '=' && key.length > 0) {
      i++;
      readValue([...table, ...key], 0);
    }
    if (i === lineStart) i++;
    skipBlank(false);
    if (text[i] !== '\n' && text[i] !== '\r' && i < text.length) i = nextLine(text, endOfLine(text, i));
  }
  return { entries, comments };
}

// ---------------------------------------------------------------- INI, .npmrc, .properties

/**
 * INI and `.npmrc` (`[section]`, `key = value`, `;`/`#` comments, optional quotes) and Java
 * properties (`key=value`, `key: value` or `key value`, `\` line continuations, `\uXXXX` escapes, `!` comments).
 */
function parseIni(text: string, format: 'ini' | 'npmrc' | 'properties'): ParsedConfig {
  const properties = format === 'properties';
  const entries: ConfigEntry[] = [];
  const comments: ConfigComment[] = [];
  let section: string[] = [];
  let position = 0;
  while (position < text.length) {
    const lineEnd = endOfLine(text, position);
    const line = text.slice(position, lineEnd);
    const indent = line.length - line.trimStart().length;
    const trimmed = line.trim();
    const start = position + indent;
    if (trimmed === '') {
      position = nextLine(text, lineEnd);
      continue;
    }
    if (trimmed[0] === '#' || trimmed[0] === ';' || (properties && trimmed[0] === '!')) {
      comments.push({ start: start + 1, end: lineEnd, text: text.slice(start + 1, lineEnd) });
      position = nextLine(text, lineEnd);
      continue;
    }
    if (!properties && trimmed.startsWith('[') && trimmed.endsWith(']')) {
      section = trimmed.slice(1, -1).trim().split('.').filter(Boolean);
      position = nextLine(text, lineEnd);
      continue;
    }
    // .npmrc keys hold colons (`//registry.npmjs.org/:_authToken`): only `=` separates there.
    const separator = properties ? /(?<!\\)[=:]|(?<!\\)\s/.exec(trimmed) : format === 'npmrc' ? /=/.exec(trimmed) : /[=:]/.exec(trimmed);
    if (separator === null) {
      position = nextLine(text, lineEnd);
      continue;
    }
    const key = trimmed.slice(0, separator.index).trim();
    let valueStart = start + separator.index + 1;
    while (valueStart < lineEnd && (text[valueStart] === ' ' || text[valueStart] === '\t' || (properties && (text[valueStart] === '=' || text[valueStart] === ':') && separator[0].trim() === ''))) valueStart++;
    let valueEnd = lineEnd;
    let next = nextLine(text, lineEnd);
    if (properties) {
      // `\` at the end of a line continues the value on the next line.
      while (text[valueEnd - 1] === '\\' && next < text.length) {
        valueEnd = endOfLine(text, next);
        next = nextLine(text, valueEnd);
      }
    } else {
      const comment = text.slice(valueStart, valueEnd).search(/\s[;#]/);
      if (comment >= 0) {
        comments.push({ start: valueStart + comment + 2, end: valueEnd, text: text.slice(valueStart + comment + 2, valueEnd) });
        valueEnd = valueStart + comment;
      }
    }
    while (valueEnd > valueStart && /\s/.test(text[valueEnd - 1] ?? '')) valueEnd--;
    let from = valueStart;
    let to = valueEnd;
    const first = text[from];
    if (!properties && (first === '"' || first === "'") && to - from >= 2 && text[to - 1] === first) {
      from++;
      to--;
    }
    const raw = text.slice(from, to);
    const value = properties ? unescape(raw.replace(/\\\r?\n[ \t]*/g, '')) : raw;
    if (key !== '' && to > from) entries.push(entry([...section, key], value, from, to, text));
    position = next;
  }
  return { entries, comments };
}
