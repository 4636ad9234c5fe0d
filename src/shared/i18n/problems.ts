import en from './locales/en.json'

/** A problem code (`code` or `code:param`) split for a catalog lookup: `problem.<code>` with `{{n}}`. */
export function problemParts(text: string): { key: string; n?: string } | null {
  const match = /^([a-zA-Z]+)(?::(.*))?$/.exec(text)
  if (!match || !(match[1] in en.problem)) return null
  return { key: `problem.${match[1]}`, n: match[2] }
}

/** A problem in English, for the CLI and logs (the window words it in the app's language). */
export function englishProblem(text: string): string {
  const parts = problemParts(text)
  if (!parts) return text
  const phrase = en.problem[parts.key.slice('problem.'.length) as keyof typeof en.problem]
  return phrase.replace('{{n}}', parts.n ?? '')
}
