import type { IncomingMessage, ServerResponse } from 'node:http'
import type { KeyAccount } from './accounts'
import { withApiFaults, type ApiFaultOptions } from './api-faults'
import type { BatchStore } from './batches'
import type { FileStore } from './files'
import { readJson, sendJson } from './http'
import type { LogEntry } from './request-log'
import type { Random } from './rng'

export type Outcome = Omit<LogEntry, 'seq' | 'at' | 'time' | 'method' | 'path' | 'key'>
export type Route = (
  req: IncomingMessage,
  res: ServerResponse,
  account: KeyAccount,
  match: RegExpExecArray
) => Promise<Outcome>

export type RouteTable = [string, RegExp, Route][]

export function json(res: ServerResponse, body: unknown): Outcome {
  sendJson(res, 200, body)
  return { status: 200, outcome: 'ok' }
}

/** The Files and Batches endpoints, each failing as `faults` draw. */
export function batchApiRoutes(
  files: FileStore,
  batches: BatchStore,
  faults: ApiFaultOptions,
  random: Random
): RouteTable {
  return [...fileRoutes(files), ...batchRoutes(batches)].map(([verb, path, handler]) => [
    verb,
    path,
    withApiFaults(handler, faults, random)
  ])
}

function fileRoutes(files: FileStore): RouteTable {
  return [
    [
      'POST',
      /^\/v1\/files$/,
      async (req, res, account) => json(res, await files.upload(req, account))
    ],
    [
      'GET',
      /^\/v1\/files$/,
      async (req, res, account) => {
        const query = new URL(req.url ?? '/', 'http://sim').searchParams
        return json(
          res,
          files.list(account, query.get('purpose'), Number(query.get('limit') ?? 100))
        )
      }
    ],
    ['GET', /^\/v1\/files\/([\w-]+)$/, async (_req, res, _a, m) => json(res, files.get(m[1]).meta)],
    [
      'GET',
      /^\/v1\/files\/([\w-]+)\/content$/,
      async (_req, res, _a, m) => {
        const { content } = files.get(m[1])
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': content.length
        })
        res.end(content)
        return { status: 200, outcome: 'ok' }
      }
    ]
  ]
}

function batchRoutes(batches: BatchStore): RouteTable {
  return [
    [
      'POST',
      /^\/v1\/batches$/,
      async (req, res, account) => json(res, await batches.create(await readJson(req), account))
    ],
    [
      'GET',
      /^\/v1\/batches$/,
      async (req, res, account) => {
        const query = new URL(req.url ?? '/', 'http://sim').searchParams
        const limit = Number(query.get('limit') ?? 20)
        return json(res, await batches.list(account, limit, query.get('after') ?? undefined))
      }
    ],
    [
      'GET',
      /^\/v1\/batches\/([\w-]+)$/,
      async (_req, res, _a, m) => json(res, await batches.retrieve(m[1]))
    ],
    [
      'POST',
      /^\/v1\/batches\/([\w-]+)\/cancel$/,
      async (_req, res, _a, m) => json(res, await batches.cancel(m[1]))
    ]
  ]
}
