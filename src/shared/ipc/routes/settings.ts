import { z } from 'zod'
import { connectionTestSchema, keyTestSchema } from '../../settings/probes'
import { modelLimitsSchema } from '../../settings/schema'
import { settingsPatchSchema, settingsViewSchema } from '../../settings/view'
import { defineRoutes } from '../route'

const keyId = z.string().min(1).max(40)
const model = z.string().min(1).max(100)
/** A pasted key: refused here only when absurd; main checks its shape and names the field. */
const apiKey = z.string().max(2000)

/**
 * Settings: every answer is the whole settings view (secrets never in it), so the window shows
 * exactly what main saved. Inputs carrying a key go one way: the key never comes back.
 */
export const settingsRoutes = defineRoutes('settings', {
  get: { input: z.undefined(), output: settingsViewSchema },
  update: { input: settingsPatchSchema, output: settingsViewSchema },
  addKey: {
    input: z.object({ label: z.string().max(200), apiKey }).strict(),
    output: settingsViewSchema
  },
  replaceKey: { input: z.object({ keyId, apiKey }).strict(), output: settingsViewSchema },
  renameKey: {
    input: z.object({ keyId, label: z.string().max(200) }).strict(),
    output: settingsViewSchema
  },
  removeKey: { input: z.object({ keyId }).strict(), output: settingsViewSchema },
  setKeyModels: {
    input: z.object({ keyId, models: z.array(model).max(50) }).strict(),
    output: settingsViewSchema
  },
  setKeyLimits: {
    input: z.object({ keyId, model, limits: modelLimitsSchema.nullable() }).strict(),
    output: settingsViewSchema
  },
  setProxyPassword: {
    input: z.object({ password: z.string().max(500).nullable() }).strict(),
    output: settingsViewSchema
  },
  /** What "Test key" will cost, shown before it sends anything (null: no price known). */
  testKeyCost: { input: z.object({ model }).strict(), output: z.number().nullable() },
  /** One tiny request with the key (`env`: OPENAI_API_KEY): valid or why not, and its limits. */
  testKey: { input: z.object({ keyId, model }).strict(), output: keyTestSchema },
  testConnection: { input: z.undefined(), output: connectionTestSchema }
})
