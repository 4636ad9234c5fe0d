import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { ChatCompletion } from 'openai/resources/chat/completions'

/** One line of a batch's output or error file, as the run acts on it. */
export type ResultLine =
  | { customId: string; kind: 'answer'; completion: ChatCompletion }
  /** `code` is a failure code the job records (`transient` is tried again, `invalid` is not). */
  | { customId: string; kind: 'failed'; code: string; reason: string }
  /** The line never ran because the batch was cancelled: the photo stays to do. */
  | { customId: string; kind: 'unrun' }

/** Reads a results file line by line (never all at once); lines that are not JSON are skipped. */
export async function* readResultLines(path: string): AsyncGenerator<ResultLine> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity })
  for await (const raw of lines) {
    if (raw.trim() === '') continue
    let parsed: unknown
    try {
      parsed = JSON.parse(raw)
    } catch {
      continue
    }
    const line = resultLine(parsed)
    if (line) yield line
  }
}

interface RawLine {
  custom_id?: unknown
  response?: { status_code?: number; body?: unknown } | null
  error?: { code?: string; message?: string } | null
}

/** What one output or error line says about its request. */
export function resultLine(parsed: unknown): ResultLine | null {
  const raw = parsed as RawLine
  if (typeof raw?.custom_id !== 'string') return null
  const customId = raw.custom_id
  if (raw.error) return lineError(customId, raw.error)
  const status = raw.response?.status_code ?? 0
  const body = raw.response?.body as Record<string, unknown> | undefined
  if (status === 200 && Array.isArray(body?.choices) && body.choices.length > 0)
    return { customId, kind: 'answer', completion: body as unknown as ChatCompletion }
  const told = (body?.error as { message?: string } | undefined)?.message
  const reason =
    told ??
    (status === 200 ? 'The batch answered without choices.' : `The batch answered ${status}.`)
  const code = status === 429 || status >= 500 || status === 200 ? 'transient' : 'invalid'
  return { customId, kind: 'failed', code, reason }
}

function lineError(customId: string, error: { code?: string; message?: string }): ResultLine {
  if (error.code === 'batch_cancelled') return { customId, kind: 'unrun' }
  if (error.code === 'batch_expired')
    return {
      customId,
      kind: 'failed',
      code: 'batch_expired',
      reason: "The batch's 24-hour window closed before this photo was run."
    }
  return {
    customId,
    kind: 'failed',
    code: 'transient',
    reason: error.message ?? `The batch could not run this request (${error.code ?? 'error'}).`
  }
}
