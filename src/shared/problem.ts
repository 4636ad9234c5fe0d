/**
 * A problem as data: what went wrong (`code`, a key of the `problem` catalog), the field it is
 * about, and the values its sentence needs. It crosses IPC and the CLI boundary as is; the window
 * words it through its i18n catalog in the app's language, the CLI through the English one.
 */
export interface Problem {
  code: string
  /** The setting or field at fault, as a dotted path (`provider.baseURL`, `keys`, `budget`). */
  field?: string
  /** The sentence's values; `n` is the one most sentences take. */
  params?: Record<string, string | number>
}

/** A problem as a schema message (zod messages are strings): `code`, or `code:param`. */
export const problem = (code: string, param?: string | number): string =>
  param === undefined ? code : `${code}:${param}`

/**
 * A schema message (zod messages are strings: `atMost:40`, written by `problem()`) as a Problem.
 * Text that is not a code (a library's own sentence) is kept whole under the code `text`.
 */
export function problemOf(message: string, field?: string): Problem {
  const match = /^([a-zA-Z]+)(?::([\s\S]*))?$/.exec(message)
  const at = field ? { field } : {}
  if (!match) return { code: 'text', ...at, params: { n: message } }
  return match[2] === undefined
    ? { code: match[1], ...at }
    : { code: match[1], ...at, params: { n: match[2] } }
}

/** The first issue of a failed zod parse as a Problem, its path as the field. */
export function issueProblem(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  prefix: readonly PropertyKey[] = []
): Problem {
  const issue = issues[0]
  const path = [...prefix, ...(issue?.path ?? [])].map(String).join('.')
  return problemOf(issue?.message ?? 'text', path || undefined)
}
