import { englishProblem } from '@shared/i18n/problems'
import type { Problem } from '@shared/problem'

type Params = Record<string, string | number>

/**
 * The CLI's own catalog: the problems a terminal user fixes with flags and environment variables
 * rather than Settings. Every other problem reads as the English catalog has it.
 */
const CLI_WORDS: Record<string, (params: Params) => string> = {
  budgetNeedsPrice: ({ n }) =>
    `there is no price for "${n}", so a budget cannot be kept. Give its prices in USD per 1M tokens with --price-input and --price-output (or in Settings → Prices).`,
  resumeElsewhere: ({ from, to, kind, baseURL, movable }) => {
    const fix =
      kind === 'demo'
        ? 'add --demo to resume it with the simulator'
        : kind === 'openai'
          ? 'unset OPENAI_BASE_URL (and do not add --demo) to resume it on OpenAI'
          : `set OPENAI_BASE_URL=${baseURL} (without --demo) to resume it there`
    const move = movable === 'yes' ? ', or add --move-endpoint to move it there' : ''
    return `this job ran on ${from}, not ${to}: ${fix}${move}.`
  },
  // `how`: the command that switches (a resumed job's --switch-model), else --model.
  modelGone: ({ n, date, replacement, how }) =>
    `${n} was switched off on ${date}; nothing was sent. ${replacement} replaces it: ${how ?? `--model ${replacement}`}`,
  modelUnlisted: ({ n, replacement, how }) =>
    `${n} is no longer offered by this endpoint (its /v1/models does not name it); nothing was sent. ${replacement} replaces it: ${how ?? `--model ${replacement}`}`,
  modelDying: ({ n, date, replacement, how }) =>
    `${n} shuts down on ${date}; ${replacement} replaces it: ${how ?? `--model ${replacement}`}`,
  urlInvalid: ({ n }) => `"${n}" is not a URL (expected e.g. https://api.example.com/v1).`,
  urlCredentials: () =>
    'the URL holds a user name or password; remove them (the API key is sent on its own).',
  urlScheme: ({ n }) => `"${n}" must start with https:// (or http:// for this machine).`,
  plainHttpKey: ({ n }) =>
    `"${n}" uses plain HTTP to another machine, so the API key would travel unencrypted. Use https://, or leave the key empty for a local server that needs none.`
}

/** A problem in the CLI's words (its flags), else in the English catalog's, as a sentence. */
export function cliProblem(problem: Problem): string {
  const words = CLI_WORDS[problem.code]
  const text = words ? words(problem.params ?? {}) : englishProblem(problem)
  return /[.!?)]$/.test(text) ? text : `${text}.`
}
