import type { Comment, Node, RuleFixer, TextEdit } from '../rule/types.js';

/** ESLint's fixer surface, producing plain text edits. */
export const ruleFixer: RuleFixer = {
  replaceText: (target: Node | Comment, text: string): TextEdit => ({ range: target.range, text }),
  replaceTextRange: (range, text) => ({ range, text }),
  insertTextBefore: (target, text) => ({ range: [target.range[0], target.range[0]], text }),
  insertTextAfter: (target, text) => ({ range: [target.range[1], target.range[1]], text }),
  remove: (target) => ({ range: target.range, text: '' }),
};
