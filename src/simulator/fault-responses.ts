import type { ServerResponse } from 'node:http'
import { FAULT_RESPONSES, type Fault } from './faults'
import { sendJson } from './http'

/** What a fault needs from the server: where to park a response that never ends, and the trickle pace. */
export interface FaultContext {
  hold: (res: ServerResponse) => void
  options: { slowBodyMs: number }
}

type Answered = { status: number; outcome: string }

/** Answers a request the way the drawn fault says: an error, a reset, a hang or a broken body. */
export async function applyFault(
  fault: Fault,
  res: ServerResponse,
  headers: Record<string, string>,
  ctx: FaultContext
): Promise<Answered> {
  const outcome = `fault:${fault}`
  const http = FAULT_RESPONSES[fault]
  if (http) {
    const error = { message: http.message, type: 'server_error', param: null, code: null }
    sendJson(res, http.status, { error }, headers)
    return { status: http.status, outcome }
  }
  switch (fault) {
    case 'reset':
      res.socket?.destroy()
      return { status: 0, outcome }
    case 'hang':
      ctx.hold(res)
      return { status: 0, outcome }
    case 'stallBody':
      // Headers and the start of a body, then nothing: the rest never comes.
      res.writeHead(200, { 'content-type': 'application/json', ...headers })
      res.write('{"id":"chatcmpl-stalled","object":"chat.completion","choices":[')
      ctx.hold(res)
      return { status: 200, outcome }
    case 'truncateBody':
      // Headers and the start of a body, then the connection closes mid-body.
      res.writeHead(200, { 'content-type': 'application/json', ...headers })
      res.write('{"id":"chatcmpl-cut","object":"chat.completion","choices":[{"index":0,')
      setTimeout(() => res.socket?.destroy(), 20)
      return { status: 200, outcome }
    case 'malformedJson':
      res.writeHead(200, { 'content-type': 'application/json', ...headers })
      res.end(
        '{"id":"chatcmpl-broken","object":"chat.completion","choices":[{"index":0,"message":{"role":"assi'
      )
      return { status: 200, outcome }
    default:
      return { status: await slowBody(res, headers, ctx.options.slowBodyMs), outcome }
  }
}

/** Headers and half the body now, the rest after `delayMs`. */
async function slowBody(
  res: ServerResponse,
  headers: Record<string, string>,
  delayMs: number
): Promise<number> {
  const error = {
    message: 'Slow body fault: this answer trickled in.',
    type: 'server_error',
    param: null,
    code: null
  }
  const body = JSON.stringify({ error })
  res.writeHead(503, { 'content-type': 'application/json', ...headers })
  res.write(body.slice(0, body.length / 2))
  await new Promise((resolve) => setTimeout(resolve, delayMs))
  if (!res.destroyed) res.end(body.slice(body.length / 2))
  return 503
}
