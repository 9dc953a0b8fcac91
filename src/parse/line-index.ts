/** 1-based line, 0-based UTF-16 column: ESTree's `loc` position. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Offsets to line and column, with TypeScript's line breaks (\n, \r\n, \r, U+2028, U+2029). */
export class LineIndex {
  readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit === 0x0a || unit === 0x2028 || unit === 0x2029) this.starts.push(i + 1);
      else if (unit === 0x0d) {
        if (text.charCodeAt(i + 1) === 0x0a) i++;
        this.starts.push(i + 1);
      }
    }
  }

  position(offset: number): Position {
    const { starts } = this;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) };
  }
}
