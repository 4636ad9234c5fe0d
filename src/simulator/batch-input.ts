import { invalidRequest } from './errors'

/** One request line of an input file. */
export interface InputLine {
  custom_id: string
  body: unknown
}

/** A whole-file problem, as `batch.errors.data[]` lists them. */
export interface ValidationError {
  code: string
  line: number
  message: string
  param: string | null
}

/** Batch statuses the simulator moves through. */
export type Phase =
  | 'validating'
  | 'failed'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'expired'
  | 'cancelling'
  | 'cancelled'

/** The endpoints the simulator batches: copy, and image edits (the photos as data URLs). */
export const BATCH_ENDPOINTS = ['/v1/chat/completions', '/v1/images/edits'] as const

export function parseInputFile(
  text: string,
  endpoint: string = BATCH_ENDPOINTS[0]
): {
  lines: InputLine[]
  errors: ValidationError[]
} {
  const lines: InputLine[] = []
  const errors: ValidationError[] = []
  const seen = new Set<string>()
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return
    const fail = (message: string): void =>
      void errors.push({ code: 'invalid_request', line: index + 1, message, param: null })
    let parsed: Record<string, unknown>
    try {
      parsed = JSON.parse(raw)
    } catch {
      return fail('This line is not parseable as valid JSON.')
    }
    const customId = parsed.custom_id
    if (typeof customId !== 'string' || customId === '') return fail('Each line needs a custom_id.')
    if (seen.has(customId)) return fail(`Duplicate custom_id '${customId}'.`)
    if (parsed.url !== endpoint) return fail("The line's url must match the batch endpoint.")
    seen.add(customId)
    lines.push({ custom_id: customId, body: parsed.body })
  })
  if (lines.length === 0 && errors.length === 0)
    errors.push({
      code: 'empty_file',
      line: 0,
      message: 'The input file has no requests.',
      param: null
    })
  return { lines, errors }
}

/** The error line of a request the batch never ran (it expired or was cancelled first). */
export function unfinishedLine(id: string, customId: string, phase: Phase): string {
  const code = phase === 'expired' ? 'batch_expired' : 'batch_cancelled'
  return JSON.stringify({
    id,
    custom_id: customId,
    response: null,
    error: {
      code,
      message: 'This request could not be executed before the completion window expired.'
    }
  })
}

/** The create call's body, or the 400 OpenAI would answer. */
export function checkCreate(raw: unknown): {
  input_file_id: string
  endpoint: string
  metadata?: Record<string, string>
} {
  const body = (raw ?? {}) as Record<string, unknown>
  if (typeof body.input_file_id !== 'string')
    throw invalidRequest(
      'missing_required_parameter',
      "Missing required parameter: 'input_file_id'.",
      'input_file_id'
    )
  if (!(BATCH_ENDPOINTS as readonly unknown[]).includes(body.endpoint))
    throw invalidRequest(
      'invalid_value',
      `The simulator batches only ${BATCH_ENDPOINTS.join(' and ')}.`,
      'endpoint'
    )
  if (body.completion_window !== '24h')
    throw invalidRequest(
      'invalid_value',
      "Invalid 'completion_window': only '24h' is supported.",
      'completion_window'
    )
  return body as { input_file_id: string; endpoint: string; metadata?: Record<string, string> }
}
