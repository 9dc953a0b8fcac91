import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type ts from 'typescript';
import { typescript } from './typescript.js';
import type { Node } from '../rule/types.js';
import { createTypeServices, type TypeServices } from './services.js';

/** A TypeScript program built once per scan from a tsconfig, with its checker. */
export interface TypeProject {
  readonly configFile: string;
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  /** Milliseconds spent reading the config and building the program (not the checking, which is lazy). */
  readonly buildMs: number;
  /** Problems with the config itself (not type errors of the code, which do not matter here). */
  readonly configErrors: readonly string[];
}

const projects = new Map<string, TypeProject>();

/**
 * The program of a tsconfig, built on first use and kept for the rest of the scan (in the scan
 * worker, or in the main thread without one). Throws when the config cannot be read.
 */
export function loadProject(configFile: string): TypeProject {
  const absolute = path.resolve(configFile);
  const known = projects.get(absolute);
  if (known !== undefined) return known;
  const ts = typescript();
  const started = performance.now();
  const errors: string[] = [];
  const describe = (diagnostic: ts.Diagnostic): string => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  const parsed = ts.getParsedCommandLineOfConfigFile(absolute, { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(`cannot read ${configFile}: ${describe(diagnostic)}`);
    },
  });
  if (parsed === undefined) throw new Error(`cannot read ${configFile}`);
  for (const diagnostic of parsed.errors) errors.push(describe(diagnostic));
  // Checking only: no emit, no declaration work, and JavaScript files as the config says.
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, declaration: false, declarationMap: false, sourceMap: false, incremental: false, composite: false };
  const program = ts.createProgram({ rootNames: parsed.fileNames, options, projectReferences: parsed.projectReferences ?? [] });
  const project: TypeProject = { configFile: absolute, program, checker: program.getTypeChecker(), buildMs: performance.now() - started, configErrors: errors };
  projects.set(absolute, project);
  return project;
}

/**
 * Type services for one scanned file: its source file in the project, when the project has it
 * and its text is the one scanned. Undefined otherwise (a file outside the tsconfig's `include`).
 */
export function typeServicesForFile(project: TypeProject, absoluteFile: string, text: string): TypeServices | undefined {
  const sourceFile = project.program.getSourceFile(path.resolve(absoluteFile));
  if (sourceFile === undefined || sourceFile.text !== text) return undefined;
  return createTypeServices(project.checker, (node) => nodeAt(sourceFile, node.range[0], node.range[1]));
}

/**
 * The deepest TypeScript node spanning exactly `[start, end)` (token start, without trivia), by a
 * descent through the children that contain the range: O(depth × width), no full walk. ESTree
 * ranges exclude parentheses, as the TypeScript node inside a `ParenthesizedExpression` does.
 */
export function nodeAt(sourceFile: ts.SourceFile, start: number, end: number): ts.Node | undefined {
  const { forEachChild } = typescript();
  let found: ts.Node | undefined;
  let current: ts.Node = sourceFile;
  for (;;) {
    let next: ts.Node | undefined;
    forEachChild(current, (child) => {
      if (next !== undefined || child.pos > start || child.end < end) return undefined;
      next = child;
      return true;
    });
    if (next === undefined) return found;
    if (next.end === end && next.getStart(sourceFile) === start) found = next;
    current = next;
  }
}


/**
 * Reads and checks a tsconfig without building the program (cheap): the scan fails early on a
 * missing or broken config. Returns the config's absolute path.
 */
export function checkProjectConfig(configFile: string): string {
  const ts = typescript();
  const absolute = path.resolve(configFile);
  const read = ts.readConfigFile(absolute, ts.sys.readFile);
  if (read.error !== undefined) throw new Error(`--project: cannot read ${configFile}: ${ts.flattenDiagnosticMessageText(read.error.messageText, '\n')}`);
  return absolute;
}
