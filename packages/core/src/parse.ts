import * as v from 'valibot';
import { ResponseValidationError, ValidationError } from './errors.js';

/** Python `_post_response`: the JSON value when the body parses, else the text (`''` for an empty body). */
export function parseResponseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A union's issue carries its members' issues; the one with the longest path says most about what is wrong. */
function primaryIssue(issue: v.BaseIssue<unknown>): v.BaseIssue<unknown> {
  let best = issue;
  for (const inner of issue.issues ?? []) {
    const candidate = primaryIssue(inner);
    if ((candidate.path?.length ?? 0) > (best.path?.length ?? 0)) best = candidate;
  }
  return best;
}

function formatIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map(primaryIssue).map((issue) => {
    const where = v.getDotPath(issue);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
}

/** Validates input before anything is sent; the error names the argument (and the field within it). */
export function parseInput<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  argument: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issues = formatIssues(result.issues);
  const first = result.issues[0] ? v.getDotPath(primaryIssue(result.issues[0])) : null;
  const at = first ? `${argument}.${first}` : argument;
  const where = at === argument ? '' : ` (at ${at})`;
  throw new ValidationError(`Invalid ${argument}: ${issues.join('; ')}${where}`, { argument: at, issues });
}

/** What was wrong with a reply, by path and by what was expected: never the value the server sent. */
function replyIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map(primaryIssue).map((issue) => {
    const where = v.getDotPath(issue);
    const what =
      issue.received === 'undefined'
        ? 'missing'
        : issue.expected === null
          ? `failed ${issue.type}`
          : `expected ${issue.expected}`;
    return where ? `${where}: ${what}` : what;
  });
}

/**
 * Validates a server reply against the schema a method promises; a reply that does not match is a
 * `ResponseValidationError` naming the request (`request` is called on failure only).
 */
export function parseOutput<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  request: () => { method: string; url: string },
): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issues = replyIssues(result.issues);
  const { method, url } = request();
  const first = result.issues[0] ? v.getDotPath(primaryIssue(result.issues[0])) : null;
  throw new ResponseValidationError(
    `The response of ${method} ${url} does not match its schema: ${issues.join('; ')}`,
    { method, url, path: first ?? undefined, issues },
  );
}
