import en from './locales/en.json'
import { problemOf, type Problem } from '../problem'

export type ProblemCode = keyof typeof en.problem

/** The catalog key of a problem (`problem.<code>`), or null for a code the catalog lacks. */
export function problemKey(problem: Problem): `problem.${ProblemCode}` | null {
  return problem.code in en.problem ? `problem.${problem.code as ProblemCode}` : null
}

/** A problem's sentence in English, its values filled in: for the CLI and logs. */
export function englishProblem(problem: Problem | string): string {
  const parsed = typeof problem === 'string' ? problemOf(problem) : problem
  const key = problemKey(parsed)
  const phrase = key ? en.problem[key.slice('problem.'.length) as ProblemCode] : parsed.code
  return fill(phrase, parsed.params ?? {})
}

/** A problem as one English line for logs and messages: `field: sentence` when it has a field. */
export function problemLine(problem: Problem): string {
  const sentence = englishProblem(problem)
  return problem.field ? `${problem.field}: ${sentence}` : sentence
}

/** `{{name}}` in a phrase replaced by its value (values are text, never markup). */
export function fill(phrase: string, params: Record<string, string | number>): string {
  return phrase.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole
  )
}
