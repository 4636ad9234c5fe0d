import { NO_BRAND, brandSchema } from '../domain/brand'
import { shopChoiceSchema } from '../domain/export-choice'
import { z } from 'zod'
import { PROVIDER_IDS } from './providers'
import { problem } from '../problem'
import { DEFAULT_MODEL } from '../models/catalog'

/**
 * Settings as stored (electron-store) and edited (the window). Secrets are not here: keys and the
 * proxy password live in the key vault, and these records only say that they are set.
 *
 * Every message is a code (`problem:param`), worded by the renderer in the app's language.
 */
export { problem }

const label = z.string().trim().min(1, problem('required')).max(40, problem('tooLong', 40))
const modelId = z.string().trim().min(1, problem('required')).max(100, problem('tooLong', 100))
const positiveInt = (max: number) =>
  z
    .number({ error: problem('notNumber') })
    .int(problem('wholeNumber'))
    .min(1, problem('atLeast', 1))
    .max(max, problem('atMost', max))

export const httpUrl = z
  .string()
  .trim()
  .max(500, problem('tooLong', 500))
  .refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol)
    } catch {
      return false
    }
  }, problem('url'))
  .refine((value) => !hasCredentials(value), problem('urlCredentials'))

/** `https://user:pass@host/…`: a URL that would store (and print) a password. */
export function hasCredentials(value: string): boolean {
  try {
    const url = new URL(value)
    return url.username !== '' || url.password !== ''
  } catch {
    return false
  }
}

/** Keys are printable ASCII: anything else (a zero-width space picked up while copying) is refused. */
export function isVisibleAscii(key: string): boolean {
  return /^[\x21-\x7e]*$/.test(key)
}

/** A pasted API key: one key, no spaces inside (two pasted together are refused by name). */
export const apiKeySchema = z
  .string()
  .trim()
  .min(1, problem('required'))
  .refine((key) => !/\s/.test(key), problem('keyWhitespace'))
  .refine(isVisibleAscii, problem('keyInvisible'))
  .refine((key) => key.length === 0 || (key.length >= 8 && key.length <= 500), problem('keyLength'))

export const keyLabelSchema = label

/** One model's limits on one key: a tier preset, numbers typed in, or what the headers said. */
export const modelLimitsSchema = z
  .object({
    source: z.enum(['tier', 'custom', 'headers']),
    tier: z.number().int().min(1).max(5).optional(),
    rpm: positiveInt(1_000_000).optional(),
    tpm: positiveInt(1_000_000_000).optional(),
    /** The Batch API's enqueued-token limit, when typed in (a tier gives its own). */
    batchQueue: positiveInt(100_000_000_000).optional()
  })
  .strict()
  .superRefine((limits, ctx) => {
    if (limits.source !== 'custom') return
    for (const side of ['rpm', 'tpm'] as const)
      if (limits[side] === undefined)
        ctx.addIssue({ code: 'custom', message: problem('limitsBoth'), path: [side] })
  })

/** What the `x-ratelimit-limit-*` headers last said for a model, and when. */
export const reportedLimitsSchema = z
  .object({ rpm: z.number().optional(), tpm: z.number().optional(), at: z.number() })
  .strict()

/** Where a key's secret is kept: the OS store, the weaker store the user opted in to, or memory. */
export const keyStorageSchema = z.enum(['os', 'weak', 'session'])

export const keyRecordSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/),
    label,
    /** `sk-…abcd`: all the window ever sees of the key. */
    hint: z.string().max(20),
    /**
     * The endpoint this key was saved for (its identity: `openai`, `compatible:<base URL>`): the
     * key is sent there and nowhere else. Keys saved before this existed are bound on load to the
     * provider configured then.
     */
    endpoint: z.string().max(600).optional(),
    /** Models this key may be used for; empty means any. */
    models: z.array(modelId).max(50).default([]),
    limits: z.record(modelId, modelLimitsSchema).default({}),
    reported: z.record(modelId, reportedLimitsSchema).default({})
  })
  .strict()

export const azureSchema = z
  .object({
    /** https://<resource>.openai.azure.com */
    endpoint: httpUrl.or(z.literal('')),
    apiVersion: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, problem('apiVersion')),
    /** The deployment name serving each model. */
    deployments: z.record(
      modelId,
      z
        .string()
        .trim()
        .regex(/^[\w.-]{1,64}$/, problem('deployment'))
    )
  })
  .strict()

export const providerSchema = z
  .object({
    preset: z.enum(PROVIDER_IDS),
    baseURL: httpUrl.or(z.literal('')),
    organization: z
      .string()
      .trim()
      .regex(/^(org-[\w-]{1,60})?$/, problem('organization')),
    project: z
      .string()
      .trim()
      .regex(/^(proj_[\w-]{1,60})?$/, problem('project')),
    azure: azureSchema,
    /** A local server: every request costs nothing. */
    free: z.boolean()
  })
  .strict()

export const proxySchema = z
  .object({
    mode: z.enum(['system', 'none', 'explicit']),
    url: httpUrl.or(z.literal('')),
    username: z.string().max(200, problem('tooLong', 200)),
    /** Whether a password is kept in the vault (never the password). */
    hasPassword: z.boolean(),
    /** Hosts that skip the proxy: `localhost, .corp.example.com, 10.0.0.0/8`. */
    noProxy: z.string().max(2000, problem('tooLong', 2000))
  })
  .strict()
  .refine((p) => p.mode !== 'explicit' || p.url !== '', {
    message: problem('required'),
    path: ['url']
  })

export const defaultsSchema = z
  .object({
    model: modelId,
    detail: z.enum(['low', 'high', 'auto']),
    templateId: z.string().min(1).max(100),
    language: z.string().trim().min(1, problem('required')).max(40, problem('tooLong', 40)),
    jpegQuality: z
      .number({ error: problem('notNumber') })
      .int(problem('wholeNumber'))
      .min(40, problem('atLeast', 40))
      .max(100, problem('atMost', 100)),
    background: z
      .string()
      .trim()
      .regex(/^#[0-9a-fA-F]{6}$/, problem('colour')),
    budgetUsd: z
      .number({ error: problem('notNumber') })
      .min(0, problem('atLeast', 0))
      .max(100_000, problem('atMost', 100_000))
      .nullable(),
    maxConcurrency: positiveInt(2000),
    // Settings files from before the brand default to none (a missing key must not reset them).
    brand: brandSchema.default(NO_BRAND)
  })
  .strict()

const price = z
  .number({ error: problem('notNumber') })
  .min(0, problem('atLeast', 0))
  .max(1000, problem('atMost', 1000))

/** USD per 1M tokens for one model, replacing the catalog's. */
export const priceOverrideSchema = z.object({ input: price, output: price }).strict()

export const UI_LANGUAGES = ['en', 'zh-CN'] as const
export type UiLanguage = (typeof UI_LANGUAGES)[number]

export const settingsSchema = z
  .object({
    version: z.literal(1),
    keys: z.array(keyRecordSchema).max(20, problem('atMost', 20)),
    provider: providerSchema,
    proxy: proxySchema,
    defaults: defaultsSchema,
    prices: z.record(modelId, priceOverrideSchema),
    uiLanguage: z.enum(UI_LANGUAGES),
    /** Shop files: where photos are published, how photos group into products (older files: none). */
    shop: shopChoiceSchema.default({ groupBy: 'sku' }),
    /** The user agreed to keep keys where only weak (basic_text) encryption exists. */
    allowWeakKeyStorage: z.boolean()
  })
  .strict()

export type Settings = z.infer<typeof settingsSchema>
export type KeyRecord = z.infer<typeof keyRecordSchema>
export type ModelLimits = z.infer<typeof modelLimitsSchema>
export type ProviderSettings = z.infer<typeof providerSchema>
export type ProxySettings = z.infer<typeof proxySchema>
export type DefaultSettings = z.infer<typeof defaultsSchema>

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  keys: [],
  provider: {
    preset: 'openai',
    baseURL: '',
    organization: '',
    project: '',
    azure: { endpoint: '', apiVersion: '2024-10-21', deployments: {} },
    free: false
  },
  proxy: {
    mode: 'system',
    url: '',
    username: '',
    hasPassword: false,
    noProxy: 'localhost, 127.0.0.1'
  },
  defaults: {
    model: DEFAULT_MODEL,
    detail: 'low',
    templateId: 'seo-meta',
    language: 'English',
    jpegQuality: 85,
    background: '#ffffff',
    budgetUsd: null,
    maxConcurrency: 500,
    brand: NO_BRAND
  },
  prices: {},
  uiLanguage: 'en',
  shop: { groupBy: 'sku' },
  allowWeakKeyStorage: false
}

/** A field's problem, for the form that shows it: the dotted path and the message code. */
export interface FieldProblem {
  field: string
  problem: string
}

/** Validates one part of the settings, naming the first field that is wrong. */
export function checkSection<T>(schema: z.ZodType<T>, value: unknown): FieldProblem[] {
  const result = schema.safeParse(value)
  if (result.success) return []
  return result.error.issues.map((issue) => ({
    field: issue.path.join('.'),
    problem: issue.message
  }))
}
