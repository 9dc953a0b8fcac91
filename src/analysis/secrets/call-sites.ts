import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { Node, Program } from '../../rule/types.js';
import { argumentAt, calleeWrittenName, skipWrappers, staticPropertyName } from '../ast.js';
import { resolveCallee, resolveReference } from '../callee.js';
import { mayBindName, perFile } from '../file-text.js';
import { objectLiteralOf } from '../crypto-values.js';
import { constInitializer } from '../static-value.js';
import type { AnalysisContext } from '../scope.js';
import { failsTokenChecksum } from './formats.js';
import { isPlaceholder } from './placeholders.js';
import { stringConstantsIn, type StringConstant } from './source.js';

/**
 * Library calls that take a secret, and where: `jwt.sign(payload, SECRET)`, `session({ secret })`,
 * `cookieParser(secret)`, `createHmac(alg, key)`, `new Sequelize(db, user, password)`,
 * `nodemailer.createTransport({ auth: { pass } })`, AWS SDK `credentials`, database clients'
 * `password`. A string constant found there (inline, through a `const`, a constant object, or as
 * the fallback of `process.env.X || '…'`) is a hard-coded secret.
 */
interface Sink {
  readonly callee: RegExp;
  readonly argument: number;
  /** Property path inside the argument's object literal; `*` is any key. */
  readonly path?: readonly string[];
  readonly minArguments?: number;
}

const ANY_AWS_V3_CLIENT = /^@aws-sdk\/client-[\w-]+\.\w+$/;
const SINKS: readonly Sink[] = [
  { callee: /^(jsonwebtoken|jwt)\.(sign|verify)$/, argument: 1 },
  { callee: /^(express-session|session)$/, argument: 0, path: ['secret'] },
  { callee: /^(cookie-session|cookieSession)$/, argument: 0, path: ['secret'] },
  { callee: /^(cookie-session|cookieSession)$/, argument: 0, path: ['keys'] },
  { callee: /^(cookie-parser|cookieParser)$/, argument: 0 },
  { callee: /^crypto\.createHmac$/, argument: 1 },
  { callee: /^sequelize(\.Sequelize)?$/, argument: 2, minArguments: 3 },
  { callee: /^sequelize(\.Sequelize)?$/, argument: 0, path: ['password'] },
  { callee: /^mongoose\.(connect|createConnection)$/, argument: 1, path: ['pass'] },
  { callee: /^mongoose\.(connect|createConnection)$/, argument: 1, path: ['auth', 'password'] },
  { callee: /^mongodb\.MongoClient(\.connect)?$/, argument: 1, path: ['auth', 'password'] },
  { callee: /^nodemailer\.createTransport$/, argument: 0, path: ['auth', 'pass'] },
  { callee: /^nodemailer\.createTransport$/, argument: 0, path: ['auth', 'clientSecret'] },
  { callee: /^nodemailer\.createTransport$/, argument: 0, path: ['auth', 'refreshToken'] },
  { callee: ANY_AWS_V3_CLIENT, argument: 0, path: ['credentials', 'secretAccessKey'] },
  { callee: ANY_AWS_V3_CLIENT, argument: 0, path: ['credentials', 'sessionToken'] },
  { callee: /^aws-sdk(\.[A-Z]\w*|\.config\.update)$/, argument: 0, path: ['secretAccessKey'] },
  { callee: /^aws-sdk(\.[A-Z]\w*|\.config\.update)$/, argument: 0, path: ['credentials', 'secretAccessKey'] },
  { callee: /^aws-sdk\.(Credentials|config\.Credentials)$/, argument: 1 },
  { callee: /^passport-[\w-]+\.Strategy$/, argument: 0, path: ['secretOrKey'] },
  { callee: /^passport-[\w-]+\.Strategy$/, argument: 0, path: ['clientSecret'] },
  { callee: /^passport-[\w-]+\.Strategy$/, argument: 0, path: ['consumerSecret'] },
  { callee: /^(express-jwt(\.expressjwt)?|koa-jwt|expressjwt|expressJwt)$/, argument: 0, path: ['secret'] },
  { callee: /^@nestjs\/jwt\.(JwtModule\.register|JwtService)$/, argument: 0, path: ['secret'] },
  { callee: /^jose\.jwtVerify$/, argument: 1 },
  { callee: /^twilio(\.Twilio)?$/, argument: 1 },
  { callee: /^stripe(\.Stripe)?$/, argument: 0 },
  { callee: /^@sendgrid\/mail\.setApiKey$/, argument: 0 },
  { callee: /^(openai(\.OpenAI)?|@anthropic-ai\/sdk(\.Anthropic)?)$/, argument: 0, path: ['apiKey'] },
  { callee: /^pg\.(Pool|Client)$/, argument: 0, path: ['password'] },
  { callee: /^mysql2?(\/promise)?\.(createConnection|createPool|createPoolCluster)$/, argument: 0, path: ['password'] },
  { callee: /^knex(\.knex)?$/, argument: 0, path: ['connection', 'password'] },
  { callee: /^typeorm\.(DataSource|createConnection)$/, argument: 0, path: ['password'] },
  { callee: /^ioredis(\.Redis|\.default)?$/, argument: 0, path: ['password'] },
  { callee: /^redis\.createClient$/, argument: 0, path: ['password'] },
  { callee: /^mssql\.(connect|ConnectionPool)$/, argument: 0, path: ['password'] },
  { callee: /^oracledb\.(getConnection|createPool)$/, argument: 0, path: ['password'] },
  { callee: /^express-basic-auth$/, argument: 0, path: ['users', '*'] },
];
/** Fastify plugins registered with a secret: `fastify.register(fastifyJwt, { secret: '…' })`. */
const FASTIFY_SECRET_PLUGINS = /^(@fastify\/(jwt|session|cookie|secure-session|csrf-protection)|fastify-(jwt|session|cookie|secure-session))$/;
/** Names a call must be written with to be one of the sinks (before resolving it): keeps scope work to plausible calls. */
const WRITTEN_NAMES = new Set([
  'sign', 'verify', 'session', 'cookieSession', 'cookieParser', 'createHmac', 'Sequelize', 'connect', 'createConnection', 'MongoClient',
  'createTransport', 'update', 'Credentials', 'Strategy', 'expressjwt', 'expressJwt', 'jwt', 'koaJwt', 'register', 'jwtVerify', 'twilio',
  'Twilio', 'Stripe', 'stripe', 'setApiKey', 'OpenAI', 'Anthropic', 'Pool', 'Client', 'createPool', 'createPoolCluster', 'knex', 'Knex',
  'DataSource', 'Redis', 'createClient', 'ConnectionPool', 'getConnection', 'basicAuth', 'JwtService', 'JwtModule', 'sgMail', 'cookie',
]);

const mentionsAwsSdk = new WeakMap<object, boolean>();

/**
 * `new X(…)` with a name outside WRITTEN_NAMES reaches a sink only as an AWS SDK client (any
 * class name, in a file that names `aws-sdk`) or through a local name bound to a sink's class
 * (`import { Pool as PgPool }`, `const DB = Sequelize`). Other constructions need no resolution.
 */
function mayConstructSink(context: AnalysisContext, call: TSESTree.NewExpression, written: string): boolean {
  if (skipWrappers(call.callee).type === 'Identifier' && mayBindName(context, written)) return true;
  return perFile(mentionsAwsSdk, context, (text) => text.includes('aws-sdk'));
}

export interface CallSecret {
  readonly constant: StringConstant;
  /** The call as written (`jwt.sign`, `new Sequelize`), for messages. */
  readonly callee: string;
  /** The library was recognised by a global's name only (`jwt.sign` without an import): lower confidence. */
  readonly byName: boolean;
}

/** Globals taken for a library when nothing is imported (snippets, scripts): `session(…)`, `jwt.sign(…)`. */
const BY_NAME = /^(session|cookieSession|cookieParser|expressjwt|expressJwt|jwt\.\w+)$/;

/** The hard-coded secrets a call passes where the library expects a secret. */
export function secretsPassedTo(context: AnalysisContext, call: TSESTree.CallExpression | TSESTree.NewExpression): CallSecret[] {
  const written = calleeWrittenName(call);
  if (written === undefined) return [];
  const label = calleeLabel(context, call);
  if (call.type === 'CallExpression' && (written === 'sign' || written === 'encrypt')) {
    // new SignJWT(claims).setProtectedHeader(…).sign(secret) (jose)
    if (constructedBy(context, call.callee) === 'jose.SignJWT') return found(context, argumentAt(call, 0), label);
  }
  if (call.type === 'CallExpression' && written === 'register') {
    const plugin = argumentAt(call, 0);
    const resolved = plugin === undefined ? undefined : resolveReference(context, plugin);
    if (resolved !== undefined && FASTIFY_SECRET_PLUGINS.test(resolved)) {
      return [...valuesAt(context, argumentAt(call, 1), ['secret']), ...valuesAt(context, argumentAt(call, 1), ['key'])].flatMap((value) => found(context, value, label));
    }
    return [];
  }
  if (call.type === 'CallExpression' && !WRITTEN_NAMES.has(written)) return [];
  if (call.type === 'NewExpression' && !WRITTEN_NAMES.has(written) && !mayConstructSink(context, call, written)) return [];
  const resolved = resolveCallee(context, call);
  if (resolved === undefined) return [];
  const secrets: CallSecret[] = [];
  for (const sink of SINKS) {
    if (!sink.callee.test(resolved)) continue;
    if (sink.minArguments !== undefined && call.arguments.length < sink.minArguments) continue;
    const argument = argumentAt(call, sink.argument);
    if (argument === undefined) continue;
    if (sink.minArguments !== undefined && skipWrappers(argument).type === 'ObjectExpression') continue;
    const values = sink.path === undefined ? [argument] : valuesAt(context, argument, sink.path);
    for (const value of values) secrets.push(...found(context, value, label, BY_NAME.test(resolved)));
  }
  return secrets;
}

/** Koa's signed-cookie keys: `app.keys = ['…']` on an application made by `new Koa()`. */
export function secretsAssignedTo(context: AnalysisContext, assignment: TSESTree.AssignmentExpression): CallSecret[] {
  const target = skipWrappers(assignment.left);
  if (target.type !== 'MemberExpression' || staticPropertyName(target) !== 'keys') return [];
  if (constructedBy(context, target.object) !== 'koa') return [];
  return found(context, assignment.right, `${context.sourceCode.getText(target.object)}.keys`.slice(0, 60));
}

/** A call's literal secrets, placeholders left out (`'<your-secret>'`, `'${SECRET}'`, `'changeme'`); `'secret'` itself is a secret here. */
function found(context: AnalysisContext, value: Node | undefined, callee: string, byName = false): CallSecret[] {
  return stringConstantsIn(context, value)
    .filter((constant) => (!isPlaceholder(constant.value) || /^(secret|key|token|apikey)$/i.test(constant.value.trim())) && !failsTokenChecksum(constant.value))
    .map((constant) => ({ constant, callee, byName }));
}

/** The values at a property path of an object literal (written inline or held by a `const`). */
function valuesAt(context: AnalysisContext, node: Node | undefined, path: readonly string[]): Node[] {
  let current: Node[] = node === undefined ? [] : [node];
  for (const key of path) {
    const next: Node[] = [];
    for (const candidate of current) {
      const object = objectLiteralOf(context, candidate);
      if (object === undefined) continue;
      for (const property of object.properties) {
        if (property.type !== 'Property' || property.kind !== 'init') continue;
        const name = property.computed ? undefined : property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : undefined;
        if (name !== undefined && (key === '*' || name === key)) next.push(property.value);
      }
    }
    current = next;
  }
  return current;
}

/** What `new X(…)` a value was made by, through call chains and `const` bindings: `jose.SignJWT`, `koa`. */
function constructedBy(context: AnalysisContext, rawNode: Node, depth = 0): string | undefined {
  if (depth > 12) return undefined;
  const node = skipWrappers(rawNode);
  if (node.type === 'NewExpression') return resolveCallee(context, node);
  if (node.type === 'MemberExpression') return constructedBy(context, node.object, depth + 1);
  if (node.type === 'CallExpression') return constructedBy(context, node.callee, depth + 1);
  if (node.type === 'Identifier') {
    const init = constInitializer(context, node);
    return init === undefined ? undefined : constructedBy(context, init, depth + 1);
  }
  return undefined;
}

function calleeLabel(context: AnalysisContext, call: TSESTree.CallExpression | TSESTree.NewExpression): string {
  const text = context.sourceCode.getText(call.callee).replace(/\s+/g, '');
  const short = text.length > 40 ? `…${text.slice(-39)}` : text;
  return call.type === 'NewExpression' ? `new ${short}` : short;
}

const callSecretNodes = new WeakMap<Program, ReadonlySet<Node>>();

/**
 * True when a string literal is a secret some call of the file receives (what
 * hardcoded-secret-in-call reports): the name-based rule leaves those to it, so one secret
 * makes one finding. Computed once per file over all its calls and assignments.
 */
export function isSecretPassedToCall(context: AnalysisContext, literal: Node): boolean {
  const program = context.sourceCode.ast;
  let nodes = callSecretNodes.get(program);
  if (nodes === undefined) {
    const set = new Set<Node>();
    forEachNode(program, (node) => {
      const secrets = node.type === 'CallExpression' || node.type === 'NewExpression' ? secretsPassedTo(context, node) : node.type === 'AssignmentExpression' ? secretsAssignedTo(context, node) : [];
      for (const secret of secrets) set.add(secret.constant.node);
    });
    nodes = set;
    callSecretNodes.set(program, nodes);
  }
  return nodes.has(literal);
}

/** Visits every node of a tree (iteratively): for per-file questions asked once and memoised. */
function forEachNode(program: Program, visit: (node: Node) => void): void {
  const stack: Node[] = [program];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child as (Node | null)[]) if (item !== null && typeof item.type === 'string') stack.push(item);
      } else if (child !== null && typeof child === 'object' && typeof (child as Node).type === 'string') {
        stack.push(child as Node);
      }
    }
  }
}
