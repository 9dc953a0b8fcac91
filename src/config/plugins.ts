import { createRequire } from 'node:module';
import path from 'node:path';
import type { AnyRule } from '../rule/types.js';
import { ConfigError } from './load.js';

export interface LoadedPlugin {
  readonly name: string;
  /** The resolved module file, so a worker thread can load the same module. */
  readonly file: string;
  readonly rules: readonly AnyRule[];
}

const isRule = (value: unknown): value is AnyRule =>
  value !== null && typeof value === 'object' && typeof (value as AnyRule).id === 'string' && typeof (value as AnyRule).create === 'function';

/** The rules a plugin module exports: `rules` (array or object), or a default export of either. */
export function rulesOfModule(exported: unknown): AnyRule[] {
  const candidates = [exported, (exported as { default?: unknown } | null)?.default];
  for (const candidate of candidates) {
    const rules = (candidate as { rules?: unknown } | null)?.rules;
    if (Array.isArray(rules)) return rules.filter(isRule);
    if (rules !== null && typeof rules === 'object') return Object.values(rules).filter(isRule);
  }
  return [];
}

/**
 * Loads rule plugins by package name (or path), resolved from `fromFolder`. This runs the
 * plugin's code: callers load only plugins named on the command line or in a config the user
 * passed explicitly (or trusted with --trust-config), never one found in a scanned tree.
 */
export function loadPlugins(names: readonly string[], fromFolder: string, builtIn: readonly AnyRule[]): LoadedPlugin[] {
  const require = createRequire(path.join(path.resolve(fromFolder), 'noop.js'));
  const taken = new Map<string, string>(builtIn.flatMap((rule) => [[rule.id, 'tsbandit'], [rule.name, 'tsbandit']]));
  return names.map((name) => {
    let file: string;
    let exported: unknown;
    try {
      file = require.resolve(name);
      exported = require(file);
    } catch (error) {
      throw new ConfigError(`plugin ${name}: cannot be loaded from ${fromFolder}: ${(error as Error).message.split('\n')[0]}`);
    }
    const rules = rulesOfModule(exported);
    if (rules.length === 0) throw new ConfigError(`plugin ${name}: exports no rules (expected \`export const rules = [defineRule(...)]\`)`);
    for (const rule of rules) {
      for (const key of [rule.id, rule.name]) {
        const owner = taken.get(key);
        if (owner !== undefined) throw new ConfigError(`plugin ${name}: rule ${key} collides with ${owner === 'tsbandit' ? 'a built-in rule' : `plugin ${owner}`}; pick another id or name`);
        taken.set(key, name);
      }
    }
    return { name, file, rules };
  });
}
