import type ts from 'typescript';
import { typescript } from './typescript.js';
import type { Node, Program } from '../rule/types.js';
import type { AnalysisContext } from '../analysis/scope.js';

/**
 * What rules and analysis helpers may ask the TypeScript checker in type-aware mode
 * (`--project tsconfig.json`, or ESLint with typed linting). Every question answers "don't know"
 * (`false` / `undefined`) for a node the checker does not know; rules use the answers to raise or
 * lower confidence and never require them.
 */
export interface TypeServices {
  /** The value is a string (or a union of string types, null and undefined only). */
  isStringLike(node: Node): boolean;
  /** The value is a number, bigint, boolean or enum (or a union of them with null and undefined): it cannot carry quotes or markup. */
  isNumberLike(node: Node): boolean;
  /** The name of the value's type (`Pool`, `PoolClient`, `Knex`, `PrismaClient`, `HTMLDivElement`), unions reduced to their non-null member. */
  typeName(node: Node): string | undefined;
  /** The npm package that declares the value's type (`pg` for a `Pool`, `@prisma/client`), when it comes from node_modules. */
  typePackage(node: Node): string | undefined;
  /** `typeName` and `typePackage` of a call's receiver: `pool` in `pool.query(...)`. */
  receiverType(callee: Node): { readonly name: string | undefined; readonly package: string | undefined } | undefined;
  /** The value is a DOM element (`HTMLElement`, `Element` or a subtype). */
  isHtmlElement(node: Node): boolean;
  /** The checker's text for the value's type, for messages and tests. */
  typeText(node: Node): string | undefined;
}

/** Maps an ESTree node of this file to the TypeScript node at the same place. */
export type NodeMapper = (node: Node) => ts.Node | undefined;

const attached = new WeakMap<Program, TypeServices>();

/** Makes type services available to every helper that sees this file's tree (the engine calls it once per file). */
export function attachTypeServices(program: Program, services: TypeServices): void {
  attached.set(program, services);
}

/**
 * The type services of the file a context belongs to: the engine's (`--project`), or
 * typescript-eslint's parser services when ESLint runs with typed linting
 * (`parserOptions.projectService`). Undefined without a program: the common case.
 */
export function getTypeServices(context: AnalysisContext): TypeServices | undefined {
  const own = (context as { types?: TypeServices }).types ?? attached.get(context.sourceCode.ast);
  if (own !== undefined) return own;
  const parserServices = (context.sourceCode as { parserServices?: { program?: ts.Program | null; esTreeNodeToTSNodeMap?: { get(node: unknown): ts.Node | undefined } } }).parserServices;
  const program = parserServices?.program;
  const map = parserServices?.esTreeNodeToTSNodeMap;
  if (program == null || map === undefined) return undefined;
  const services = createTypeServices(program.getTypeChecker(), (node) => map.get(node));
  attached.set(context.sourceCode.ast, services);
  return services;
}

/** Type services over a checker, for the nodes `map` can find. */
export function createTypeServices(checker: ts.TypeChecker, map: NodeMapper): TypeServices {
  const { TypeFlags } = typescript();
  const NUMBER_FLAGS = TypeFlags.NumberLike | TypeFlags.BigIntLike | TypeFlags.BooleanLike | TypeFlags.EnumLike;
  const EMPTY_FLAGS = TypeFlags.Null | TypeFlags.Undefined | TypeFlags.Void | TypeFlags.Never;
  const types = new WeakMap<Node, ts.Type | null>();
  const typeOf = (node: Node): ts.Type | undefined => {
    const known = types.get(node);
    if (known !== undefined) return known ?? undefined;
    let type: ts.Type | undefined;
    const tsNode = map(node);
    try {
      type = tsNode === undefined ? undefined : checker.getTypeAtLocation(tsNode);
    } catch {
      type = undefined; // the checker may throw on syntax it recovered from
    }
    types.set(node, type ?? null);
    return type;
  };
  /** The members of a union without null/undefined; the type itself otherwise. */
  const parts = (type: ts.Type): ts.Type[] => (type.isUnion() ? type.types.filter((t) => (t.flags & EMPTY_FLAGS) === 0) : [type]);
  const every = (node: Node, test: (type: ts.Type) => boolean): boolean => {
    const type = typeOf(node);
    if (type === undefined) return false;
    const members = parts(type);
    return members.length > 0 && members.every(test);
  };
  const named = (type: ts.Type): ts.Type | undefined => parts(type).find((t) => (t.aliasSymbol ?? t.getSymbol()) !== undefined);
  const symbolOf = (type: ts.Type): ts.Symbol | undefined => type.aliasSymbol ?? type.getSymbol();
  const services: TypeServices = {
    isStringLike: (node) => every(node, (t) => (t.flags & TypeFlags.StringLike) !== 0),
    isNumberLike: (node) => every(node, (t) => (t.flags & NUMBER_FLAGS) !== 0),
    typeName(node) {
      const type = typeOf(node);
      const chosen = type === undefined ? undefined : named(type);
      return chosen === undefined ? undefined : symbolOf(chosen)?.getName();
    },
    typePackage(node) {
      const type = typeOf(node);
      const chosen = type === undefined ? undefined : named(type);
      const declaration = chosen === undefined ? undefined : symbolOf(chosen)?.declarations?.[0];
      return declaration === undefined ? undefined : (ambientModuleOf(declaration) ?? packageOfFile(declaration.getSourceFile().fileName));
    },
    receiverType(callee) {
      if (callee.type !== 'MemberExpression') return undefined;
      const name = services.typeName(callee.object);
      const pkg = services.typePackage(callee.object);
      return name === undefined && pkg === undefined ? undefined : { name, package: pkg };
    },
    isHtmlElement: (node) =>
      every(node, (t) => {
        for (let current: ts.Type | undefined = t; current !== undefined; ) {
          const name = symbolOf(current)?.getName();
          if (name === 'Element' || name === 'HTMLElement' || (name !== undefined && /^HTML\w*Element$/.test(name))) return true;
          const bases: ts.Type[] = current.isClassOrInterface() ? checker.getBaseTypes(current) : [];
          current = bases[0];
        }
        return false;
      }),
    typeText(node) {
      const type = typeOf(node);
      return type === undefined ? undefined : checker.typeToString(type);
    },
  };
  return services;
}

/** `declare module 'pg' { ... }` around a declaration: the module it declares. */
function ambientModuleOf(declaration: ts.Node): string | undefined {
  const ts = typescript();
  for (let node: ts.Node | undefined = declaration.parent; node !== undefined; node = node.parent) {
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) return node.name.text;
  }
  return undefined;
}

/** `node_modules/@types/pg/index.d.ts` → `pg`; `node_modules/@prisma/client/index.d.ts` → `@prisma/client`; undefined outside node_modules. */
export function packageOfFile(fileName: string): string | undefined {
  const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(fileName.replace(/\\/g, '/'));
  if (match === null) return undefined;
  const name = match[1]!;
  if (name === '.prisma') return '.prisma/client'; // Prisma's generated client
  if (!name.startsWith('@types/')) return name;
  const typed = name.slice('@types/'.length);
  return typed.includes('__') ? `@${typed.replace('__', '/')}` : typed;
}
