import { resolveLimits, type StartingLimits } from './catalog-overrides'

/**
 * Where a job's starting limits come from, in words, when they are a guess (no published limits
 * for the model); null when they were given or published.
 */
export function startingLimitsNote(
  model: string,
  given: { rpm?: number; tpm?: number }
): string | null {
  return limitsNote(model, resolveLimits(model, given))
}

/** Says where starting limits came from when they are a guess (no published limits for the model). */
function limitsNote(model: string, limits: StartingLimits): string | null {
  const start = `Starting at ${limits.rpm.toLocaleString('en')} requests/min and ${limits.tpm.toLocaleString('en')} tokens/min`
  const learn =
    'Photoscribe corrects them from the server’s rate-limit headers as it runs (or set --rpm and --tpm).'
  if (limits.source === 'family')
    return `${start}, the lowest published tier-1 limits of ${limits.from!.join(', ')}: none are published for ${model}. ${learn}`
  if (limits.source === 'lowest')
    return `${start}, the lowest published tier-1 limits: none are published for ${model}. ${learn}`
  return null
}
