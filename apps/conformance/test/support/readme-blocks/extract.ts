/**
 * Finds the TypeScript and JavaScript code blocks of a README and the directives written above them.
 *
 * A directive is an HTML comment (invisible on GitHub and npm) on the lines just above a block's fence, blank
 * lines allowed in between:
 * - `<!-- readme-test: setup … -->`: code run before the block, on the same line or the lines after `setup`;
 * - `<!-- readme-test: not run — <reason> -->`: the block is type-checked, not run; the reason is required;
 * - `<!-- tested: <path> -->`: the block is a copy of that file, which another test runs.
 */

export type BlockLanguage = 'ts' | 'js';

/** What the README test does with a block. */
export type BlockMode =
  | { kind: 'run' }
  | { kind: 'not-run'; reason: string }
  | { kind: 'tested-elsewhere'; path: string };

/** Code at a place in a README: `line` is the README line of its first line. */
export interface PlacedCode {
  code: string;
  line: number;
}

export interface ReadmeBlock extends PlacedCode {
  /** The README, relative to the repository root (`packages/core/README.md`). */
  file: string;
  language: BlockLanguage;
  /** The hidden preambles, in the order they are written. */
  setup: PlacedCode[];
  mode: BlockMode;
}

export interface ExtractedReadme {
  blocks: ReadmeBlock[];
  /** Directives that cannot be followed, as `<file>:<line>: <why>`. */
  problems: string[];
}

const LANGUAGES: Record<string, BlockLanguage> = {
  ts: 'ts',
  typescript: 'ts',
  mts: 'ts',
  js: 'js',
  javascript: 'js',
  mjs: 'js',
};

const FENCE = /^( {0,3})(`{3,}|~{3,})\s*([^\s`]*)/;
const NOT_RUN = /^not run\s*(?:[—–:-]\s*)?([\s\S]*)$/;

interface Comment {
  /** Line (0-based) of `<!--`. */
  first: number;
  body: string;
}

/** The HTML comment ending on line `end`, if that line closes one that starts a line of its own. */
function commentEndingAt(lines: string[], end: number): Comment | undefined {
  if (!lines[end]?.trimEnd().endsWith('-->')) return undefined;
  for (let first = end; first >= 0; first--) {
    const line = lines[first] ?? '';
    if (line.trimStart().startsWith('<!--')) {
      const text = lines.slice(first, end + 1).join('\n');
      return { first, body: text.slice(text.indexOf('<!--') + 4, text.lastIndexOf('-->')) };
    }
    if (first < end && line.includes('-->')) return undefined;
  }
  return undefined;
}

/** The comments on the lines just above line `fence`, nearest last. */
function commentsAbove(lines: string[], fence: number): Comment[] {
  const found: Comment[] = [];
  let line = fence - 1;
  while (line >= 0) {
    if ((lines[line] ?? '').trim() === '') {
      line--;
      continue;
    }
    const comment = commentEndingAt(lines, line);
    if (!comment) break;
    found.unshift(comment);
    line = comment.first - 1;
  }
  return found;
}

const directiveOf = (comment: Comment) => /^\s*readme-test:\s*/.exec(comment.body);

interface Directives {
  setup: PlacedCode[];
  mode: BlockMode;
  problems: string[];
}

function readDirectives(comments: Comment[], at: (line: number) => string): Directives {
  const result: Directives = { setup: [], mode: { kind: 'run' }, problems: [] };
  const modes: BlockMode[] = [];
  for (const comment of comments) {
    const tested = /^\s*tested:\s*(\S+)\s*$/.exec(comment.body);
    if (tested?.[1]) modes.push({ kind: 'tested-elsewhere', path: tested[1] });
    const directive = directiveOf(comment);
    if (!directive) continue;
    const rest = comment.body.slice(directive[0].length);
    const notRun = NOT_RUN.exec(rest.trimEnd());
    if (/^setup(\s|$)/.test(rest)) {
      result.setup.push(setupCode(comment, rest.slice('setup'.length)));
    } else if (notRun) {
      const reason = notRun[1]?.replace(/\s+/g, ' ').trim() ?? '';
      if (reason === '') result.problems.push(`${at(comment.first)}: "not run" needs a reason`);
      else modes.push({ kind: 'not-run', reason });
    } else {
      const word = rest.split(/\s/)[0] || '(nothing)';
      result.problems.push(`${at(comment.first)}: unknown readme-test directive "${word}"`);
    }
  }
  if (modes.length > 1)
    result.problems.push(`${at(comments[0]?.first ?? 0)}: more than one of "not run" and "tested"`);
  if (modes[0]) result.mode = modes[0];
  if (result.mode.kind === 'tested-elsewhere' && result.setup.length > 0)
    result.problems.push(`${at(comments[0]?.first ?? 0)}: a block tested elsewhere takes no setup`);
  return result;
}

/** The code of a setup comment: what follows `setup` on its line, then its other lines. */
function setupCode(comment: Comment, afterWord: string): PlacedCode {
  const before = comment.body.slice(0, comment.body.length - afterWord.length);
  const wordLine = comment.first + before.split('\n').length; // 1-based README line of `setup`
  const [sameLine = '', ...others] = afterWord.split('\n');
  if (sameLine.trim() !== '')
    return { code: [sameLine.trim(), ...others].join('\n').trimEnd(), line: wordLine };
  return { code: others.join('\n').trimEnd(), line: wordLine + 1 };
}

/** Every ts/js block of `text` (the README at `file`), with its directives, and the directives that are wrong. */
export function extractBlocks(file: string, text: string): ExtractedReadme {
  const lines = text.split('\n');
  const at = (line: number) => `${file}:${line + 1}`;
  const blocks: ReadmeBlock[] = [];
  const problems: string[] = [];
  const usedComments = new Set<number>();
  for (let line = 0; line < lines.length; line++) {
    const open = FENCE.exec(lines[line] ?? '');
    if (!open) continue;
    const [, indent = '', fence = '', info = ''] = open;
    let close = line + 1;
    while (close < lines.length && !isClosingFence(lines[close] ?? '', fence)) close++;
    const language = LANGUAGES[info.toLowerCase()];
    const comments = commentsAbove(lines, line);
    if (language) {
      const directives = readDirectives(comments, at);
      for (const comment of comments) usedComments.add(comment.first);
      problems.push(...directives.problems);
      const code = lines
        .slice(line + 1, close)
        .map((codeLine) => (codeLine.startsWith(indent) ? codeLine.slice(indent.length) : codeLine))
        .join('\n');
      blocks.push({
        file,
        line: line + 2,
        code: `${code}\n`,
        language,
        setup: directives.setup,
        mode: directives.mode,
      });
    }
    line = close;
  }
  for (let line = 0; line < lines.length; line++) {
    const comment = commentEndingAt(lines, line);
    if (comment && directiveOf(comment) && !usedComments.has(comment.first))
      problems.push(`${at(comment.first)}: a readme-test directive that is not just above a ts or js block`);
  }
  return { blocks, problems };
}

function isClosingFence(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return trimmed.startsWith(fence) && /^[`~]+$/.test(trimmed) && trimmed[0] === fence[0];
}
