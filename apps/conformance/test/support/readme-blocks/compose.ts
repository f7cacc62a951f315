import type { ReadmeBlock } from './extract.js';

/** A block written as a module of its own: its hidden preambles, then its code. */
export interface BlockModule {
  block: ReadmeBlock;
  /** File name in the work folder: `block-07.ts`, `block-08.test.ts` for a vitest file. */
  fileName: string;
  source: string;
  /** `<README>:<line>` of a line (1-based) of `source`. */
  readmeLine(moduleLine: number): string;
}

/** Whether the block is a vitest test file: one that imports `vitest`, run by vitest rather than by Node. */
export function isVitestFile(block: ReadmeBlock): boolean {
  return /^import\s[^;]*\sfrom\s+['"]vitest['"]/m.test(block.code);
}

export function composeModule(block: ReadmeBlock, index: number): BlockModule {
  const parts = [...block.setup, { code: block.code, line: block.line }];
  const origins: number[] = [];
  const lines: string[] = [];
  for (const part of parts) {
    const partLines = part.code.replace(/\n$/, '').split('\n');
    partLines.forEach((line, offset) => {
      lines.push(line);
      origins.push(part.line + offset);
    });
  }
  // Every block is a module: top-level await works and its names do not meet another block's.
  lines.push('export {};');
  const extension = block.language === 'ts' ? 'ts' : 'js';
  const stem = `block-${String(index).padStart(2, '0')}`;
  return {
    block,
    fileName: isVitestFile(block) ? `${stem}.test.${extension}` : `${stem}.${extension}`,
    source: `${lines.join('\n')}\n`,
    readmeLine: (moduleLine) => `${block.file}:${origins[moduleLine - 1] ?? block.line}`,
  };
}
