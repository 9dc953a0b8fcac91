import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { Node, Program } from '../rule/types.js';

export type NodeHandler = (node: Node) => void;

/** Handlers by node type, for entering and leaving a node. Built once per file from all rules. */
export interface DispatchTable {
  readonly enter: ReadonlyMap<string, readonly NodeHandler[]>;
  readonly exit: ReadonlyMap<string, readonly NodeHandler[]>;
}

const EXIT_MARK = 1;

/**
 * Walks the whole tree once, depth first in source order, calling each handler for its node
 * type on entry and on `:exit`. Iterative with an explicit stack, so a 50,000-deep expression
 * cannot overflow the call stack. Sets `parent` links on the way down: a handler may follow
 * `parent` upwards from its node (as in ESLint), never from a descendant it has not visited.
 */
export function walk(program: Program, table: DispatchTable): void {
  const nodes: Node[] = [program];
  const marks: number[] = [0];
  (program as { parent?: Node }).parent = undefined;
  while (nodes.length > 0) {
    const node = nodes.pop() as Node;
    const mark = marks.pop();
    if (mark === EXIT_MARK) {
      const handlers = table.exit.get(node.type);
      if (handlers !== undefined) for (const handler of handlers) handler(node);
      continue;
    }
    if (table.exit.has(node.type)) {
      nodes.push(node);
      marks.push(EXIT_MARK);
    }
    // Children get their parent link before the node's handlers run, so a handler can
    // look at its children's `parent` as in ESLint; deeper links appear as the walk reaches them.
    const keys = visitorKeys[node.type];
    if (keys !== undefined) {
      // Children go on the stack last-first so they come off in source order.
      for (let k = keys.length - 1; k >= 0; k--) {
        const child = (node as unknown as Record<string, unknown>)[keys[k] as string];
        if (child === null || child === undefined) continue;
        if (Array.isArray(child)) {
          for (let i = child.length - 1; i >= 0; i--) {
            const item = child[i] as Node | null;
            if (item === null || typeof item.type !== 'string') continue;
            (item as { parent?: Node }).parent = node;
            nodes.push(item);
            marks.push(0);
          }
        } else if (typeof (child as Node).type === 'string') {
          (child as { parent?: Node }).parent = node;
          nodes.push(child as Node);
          marks.push(0);
        }
      }
    }
    const enter = table.enter.get(node.type);
    if (enter !== undefined) for (const handler of enter) handler(node);
  }
}
