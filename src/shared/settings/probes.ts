import { z } from 'zod'
import { problemSchema } from '../domain/problem-schema'

/** What "Test key" found: whether the key works for the model, and the limits its headers gave. */
export const keyTestSchema = z.object({
  outcome: z.enum(['valid', 'invalid', 'quota', 'noModel', 'unreachable', 'error']),
  model: z.string(),
  latencyMs: z.number(),
  rpm: z.number().nullable(),
  tpm: z.number().nullable(),
  /** The server's words (redacted), when it refused. */
  message: z.string().optional(),
  /** The model is switched off, not offered by this endpoint, or shuts down soon. */
  lifecycle: problemSchema.optional()
})
export type KeyTest = z.infer<typeof keyTestSchema>

/** What "Test connection" found: the route it took and where it stopped. */
export const connectionTestSchema = z.object({
  outcome: z.enum([
    'ok',
    'auth',
    'notFound',
    'http',
    'dns',
    'tls',
    'refused',
    'timeout',
    'proxy',
    'proxyAuth',
    'proxyUnsupported',
    'network'
  ]),
  route: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('direct'),
      reason: z.enum(['no-proxy-set', 'no-proxy-list', 'system-direct'])
    }),
    z.object({
      kind: z.literal('proxy'),
      proxy: z.string(),
      source: z.enum(['explicit', 'system', 'environment'])
    })
  ]),
  latencyMs: z.number(),
  status: z.number().optional(),
  detail: z.string().optional()
})
export type ConnectionTest = z.infer<typeof connectionTestSchema>
