import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localFunction, mayCallNamed, resolveCallee } from '../../src/analysis/index.js';
import { analyse } from '../support/analysis-harness.js';

/** Resolution of the last call in each snippet. */
const cases: [string, string | undefined, string?][] = [
  [`import { exec } from 'node:child_process'; exec(cmd)`, 'child_process.exec'],
  [`import { exec as run } from 'child_process'; run(cmd)`, 'child_process.exec'],
  [`import * as cp from 'child_process'; cp.exec(cmd)`, 'child_process.exec'],
  [`import cp from 'node:child_process'; cp.execSync(cmd)`, 'child_process.execSync'],
  [`const cp = require('child_process'); cp.exec(cmd)`, 'child_process.exec', 'a.js'],
  [`const { exec } = require('node:child_process'); exec(cmd)`, 'child_process.exec', 'a.cjs'],
  [`const { execSync: sh } = require('child_process'); sh(cmd)`, 'child_process.execSync', 'a.js'],
  [`require('child_process').exec(cmd)`, 'child_process.exec', 'a.js'],
  [`const exec = require('child_process').exec; exec(cmd)`, 'child_process.exec', 'a.js'],
  [`import { promisify } from 'node:util'; import { exec } from 'node:child_process'; const run = promisify(exec); run(cmd)`, 'child_process.exec'],
  [`import util from 'util'; import cp from 'child_process'; const run = util.promisify(cp.exec); run(cmd)`, 'child_process.exec'],
  [`import fs from 'fs'; fs.promises.readFile(p)`, 'fs.promises.readFile'],
  [`const { promises: { readFile } } = require('fs'); readFile(p)`, 'fs.promises.readFile', 'a.js'],
  [`import cp = require('child_process'); cp.exec(cmd)`, 'child_process.exec'],
  [`eval(code)`, 'eval'],
  [`window.eval(code)`, 'eval'],
  [`globalThis.document.write(html)`, 'document.write'],
  [`import crypto from 'crypto'; crypto.createHash('md5')`, 'crypto.createHash'],
  // Local values the analysis cannot, and must not, resolve by name:
  [`function f(exec: (c: string) => void) { exec(cmd) }`, undefined],
  [`const eval = (s: string) => s; eval(code)`, undefined],
  [`let cp = require('child_process'); cp = other; cp.exec(cmd)`, undefined, 'a.js'],
  [`class Runner { exec(c: string) {} run() { this.exec(cmd) } }`, undefined],
  [`db.exec(cmd)`, 'db.exec'],
];

for (const [code, expected, filename] of cases) {
  test(`resolveCallee: ${code}`, () => {
    const { context, nodes } = analyse(code, filename);
    const call = nodes('CallExpression').sort((a, b) => b.range[1] - a.range[1] || a.range[0] - b.range[0])[0];
    assert.ok(call !== undefined && call.type === 'CallExpression');
    assert.equal(resolveCallee(context, call), expected);
  });
}

/** Whether the last call of each snippet may reach one of `names`, without scope analysis. */
const mayCallCases: [string, readonly string[], boolean][] = [
  [`import { createCipheriv } from 'crypto'; createCipheriv(alg, key, iv)`, ['createCipheriv'], true],
  [`import { createCipheriv as make } from 'crypto'; make(alg, key, iv)`, ['createCipheriv'], true],
  [`const c = require('crypto'); c['createCipheriv'](alg, key, iv)`, ['createCipheriv'], true],
  [`(0, crypto.createCipheriv)(alg, key, iv)`, ['createCipheriv'], true],
  [`const m = /a(b)/.exec(s); isFunction(m)`, ['Function'], false],
  [`export const run = (s: string) => new Function(s); run(code)`, ['Function'], true],
  [`import { createCipheriv } from 'crypto'; /x/.exec(s)`, ['createCipheriv'], false],
  // A bare call of a name the file never binds to a value cannot be an alias.
  [`import { createCipheriv } from 'crypto'; fetchCipheriv(s)`, ['createCipheriv'], false],
  // Over-approximate: a declared function's name counts as bound (a local helper is asked about).
  [`import { createCipheriv } from 'crypto'; function make() {} make(alg, key, iv)`, ['createCipheriv'], true],
  // Every way an alias is bound keeps the call in question.
  [`const { exec: runShell, execFile } = require('child_process'); runShell(cmd)`, ['exec'], true],
  [`const {exec:sh}=require('child_process');sh(cmd)`, ['exec'], true],
  [`const run = require('child_process').exec; run(cmd)`, ['exec'], true],
  [`let run: typeof exec; run = cp.exec; run(cmd)`, ['exec'], true],
  [`const run: (c: string) => void = cp.exec; run(cmd)`, ['exec'], true],
  [`import hash from 'md5'; hash(data)`, ['md5'], true],
  [`import * as F from 'x'; const G = Function; G(body)`, ['Function'], true],
];

for (const [code, names, expected] of mayCallCases) {
  test(`mayCallNamed ${names.join(',')}: ${code}`, () => {
    const { context, nodes } = analyse(code);
    const call = nodes('CallExpression').sort((a, b) => b.range[1] - a.range[1] || a.range[0] - b.range[0])[0];
    assert.ok(call !== undefined && call.type === 'CallExpression');
    assert.equal(mayCallNamed(context, call, new Set(names)), expected);
  });
}

/** What the last call of each snippet runs, by the text of the function found (or undefined). */
const localFunctionCases: [string, string | undefined][] = [
  [`function build(id: string) { return 'SELECT ' + id; } build(input)`, 'function build'],
  [`const build = (id: string) => 'SELECT ' + id; build(input)`, '(id: string) =>'],
  [`export const build = function (id: string) { return id; }; (build)(input)`, 'function (id'],
  // Not one function for certain: reassigned, declared twice, destructured, a parameter, unbound.
  [`let build = (id: string) => id; build = other; build(input)`, undefined],
  [`function build(a: string) { return a; } function build(b: string) { return b; } build(input)`, undefined],
  [`const { build } = helpers; build(input)`, undefined],
  [`function run(build: (s: string) => string) { return build(input); }`, undefined],
  [`build(input)`, undefined],
  [`const helpers = { build: (s: string) => s }; helpers.build(input)`, undefined],
];

for (const [code, expected] of localFunctionCases) {
  test(`localFunction: ${code}`, () => {
    const { context, nodes } = analyse(code);
    const call = nodes('CallExpression').sort((a, b) => b.range[1] - a.range[1] || a.range[0] - b.range[0])[0];
    assert.ok(call !== undefined && call.type === 'CallExpression');
    const found = localFunction(context, call.callee);
    assert.equal(found === undefined ? undefined : code.slice(found.range[0], found.range[0] + (expected?.length ?? 0)), expected);
  });
}
