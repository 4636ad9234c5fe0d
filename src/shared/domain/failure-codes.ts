/**
 * Failures a retry cannot fix, by why: the file itself (`photo`), the model declining this photo
 * the same way each time (`declined`), or OpenAI refusing the request as it is (`refused`). The
 * engine skips them on "retry" and the window offers no Retry for them, saying why instead.
 */
const NEVER_RETRYABLE: Readonly<Record<string, NoRetryReason>> = {
  damaged: 'photo',
  not_an_image: 'photo',
  unsupported_format: 'photo',
  heic_not_supported: 'photo',
  vector_not_supported: 'photo',
  too_many_pixels: 'photo',
  file_too_large: 'photo',
  unreadable: 'photo',
  rejected: 'photo',
  refusal: 'declined',
  filtered: 'declined',
  invalid: 'refused'
}

export type NoRetryReason = 'photo' | 'declined' | 'refused'

/** Why a retry of a failure with this code cannot succeed; undefined when it may. */
export function noRetryReason(code: string | undefined): NoRetryReason | undefined {
  return code === undefined ? undefined : NEVER_RETRYABLE[code]
}
