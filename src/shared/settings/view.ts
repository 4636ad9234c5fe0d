import { z } from 'zod'
import {
  defaultsSchema,
  keyStorageSchema,
  priceOverrideSchema,
  providerSchema,
  proxySchema,
  settingsSchema,
  UI_LANGUAGES
} from './schema'
import { shopChoiceSchema } from '../domain/export-choice'

/** Where a key's secret is: saved (`os`, `weak`), for this session, or gone (enter it again). */
export const keyKeptSchema = z.union([keyStorageSchema, z.literal('missing')])

/** Settings as the window sees them: no secret, only hints and where each is kept. */
export const settingsViewSchema = z.object({
  settings: settingsSchema,
  protection: z.enum(['os', 'weak', 'none']),
  keysKept: z.record(z.string(), keyKeptSchema),
  /** `OPENAI_API_KEY`'s hint, when the environment has one (used while Settings hold no key). */
  environmentKey: z.string().nullable(),
  proxyPasswordKept: keyStorageSchema.nullable(),
  notices: z.object({
    /** Where a damaged settings file was copied before the defaults replaced it. */
    setAside: z.string().nullable(),
    /** Keys whose saved secret could not be decrypted. */
    unreadableKeys: z.array(z.string())
  })
})
export type SettingsView = z.infer<typeof settingsViewSchema>

/** One section replaced at a time, each checked by its own schema. */
export const settingsPatchSchema = z.discriminatedUnion('section', [
  z.object({ section: z.literal('provider'), value: providerSchema }),
  z.object({ section: z.literal('proxy'), value: proxySchema }),
  z.object({ section: z.literal('defaults'), value: defaultsSchema }),
  z.object({
    section: z.literal('prices'),
    value: z.record(z.string().min(1).max(100), priceOverrideSchema)
  }),
  z.object({ section: z.literal('uiLanguage'), value: z.enum(UI_LANGUAGES) }),
  z.object({ section: z.literal('shop'), value: shopChoiceSchema }),
  z.object({ section: z.literal('allowWeakKeyStorage'), value: z.boolean() })
])
export type SettingsPatch = z.infer<typeof settingsPatchSchema>
