import type { IncomingMessage, ServerResponse } from 'node:http'
import { SimError } from './errors'

/** Reads a whole request body, refusing more than `maxBytes`. */
export async function readBody(
  req: IncomingMessage,
  maxBytes = 512 * 1024 * 1024
): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > maxBytes)
      throw new SimError(
        413,
        'invalid_request_error',
        'payload_too_large',
        'Request payload too large.'
      )
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** Parses a JSON body or answers 400 the way OpenAI does. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req)
  try {
    return JSON.parse(raw.toString('utf8'))
  } catch {
    throw new SimError(
      400,
      'invalid_request_error',
      null,
      'We could not parse the JSON body of your request.'
    )
  }
}

/** Writes a JSON response with extra headers. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers
  })
  res.end(text)
}

/** The bearer token of a request, or '' when there is none. */
export function bearerToken(req: IncomingMessage): string {
  const header = req.headers.authorization ?? ''
  const match = /^Bearer\s+(.+)$/i.exec(header)
  if (match) return match[1].trim()
  const azure = req.headers['api-key']
  return typeof azure === 'string' ? azure : ''
}

/** Last four characters of a key, for logs: never the key itself. */
export function keyHint(key: string): string {
  return key.length <= 4 ? '…' : `…${key.slice(-4)}`
}

/** Answers with an OpenAI-shaped error: its status, body and headers. */
export function sendError(res: ServerResponse, error: SimError): void {
  sendJson(res, error.status, error.body, error.headers)
}
