import { mkdir, readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../files/atomic-file'
import { findTemplate } from './builtins'
import type { Template } from './template'
import { dataLayout } from '../paths'

const name = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'use lower-case letters, digits and _ (start with a letter)')
const rules = z
  .object({
    minLength: z.number().int().min(1).optional(),
    maxLength: z.number().int().min(1).max(5000).optional(),
    count: z.number().int().min(1).max(100).optional(),
    requiredWords: z.array(z.string().min(1)).optional(),
    bannedWords: z.array(z.string().min(1)).optional()
  })
  .strict()
  .refine(
    (r) => !r.minLength || !r.maxLength || r.minLength <= r.maxLength,
    'minLength must not be above maxLength'
  )

/** A user template as saved and exchanged (JSON); every field is validated. */
export const templateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'use lower-case letters, digits and -'),
    name: z.string().min(1).max(80),
    instructions: z.string().min(1).max(8000),
    fields: z
      .array(
        z
          .object({
            name,
            label: z.string().min(1).max(60),
            type: z.enum(['string', 'string[]']),
            description: z.string().max(500).default(''),
            rules: rules.optional()
          })
          .strict()
      )
      .min(1)
      .max(30)
      .refine(
        (fields) => new Set(fields.map((f) => f.name)).size === fields.length,
        'field names must be unique'
      ),
    maxCompletionTokens: z.number().int().min(16).max(16_000)
  })
  .strict()

/** Validates template JSON, naming the field that is wrong. */
export function parseTemplate(json: unknown): Template {
  const result = templateSchema.safeParse(json)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  throw new Error(
    `Template ${issue.path.length ? `"${issue.path.join('.')}"` : ''}: ${issue.message}`.replace(
      'Template : ',
      'Template: '
    )
  )
}

/** The user's templates in `<data>/templates/<id>.json`. */
export class TemplateStore {
  constructor(private readonly dir: string) {}

  async list(): Promise<Template[]> {
    const names = await readdir(this.dir).catch(() => [] as string[])
    const found = await Promise.all(
      names
        .filter((n) => n.endsWith('.json'))
        .map((n) => this.load(n.slice(0, -5)).catch(() => null))
    )
    return found.filter((t): t is Template => t !== null)
  }

  async load(id: string): Promise<Template> {
    return parseTemplate(JSON.parse(await readFile(join(this.dir, `${id}.json`), 'utf8')))
  }

  /** Saves a template; built-in ids are reserved. */
  async save(template: Template): Promise<void> {
    const valid = parseTemplate(template)
    if (findTemplate(valid.id))
      throw new Error(`Template "id": "${valid.id}" is a built-in template; choose another id.`)
    await mkdir(this.dir, { recursive: true })
    await writeFileAtomic(join(this.dir, `${valid.id}.json`), JSON.stringify(valid, null, 2))
  }

  /** Reads a template file (an export from elsewhere), validates and saves it. */
  async importFile(path: string): Promise<Template> {
    const template = parseTemplate(JSON.parse(await readFile(path, 'utf8')))
    await this.save(template)
    return template
  }

  /** Writes a template (built-in or saved) to a JSON file for sharing. */
  async exportFile(id: string, path: string): Promise<void> {
    const template = findTemplate(id) ?? (await this.load(id))
    await writeFileAtomic(path, JSON.stringify(template, null, 2))
  }

  /** A template by id: built-ins first, then the user's. */
  async resolve(id: string): Promise<Template | undefined> {
    return findTemplate(id) ?? (await this.load(id).catch(() => undefined))
  }
}

export const templatesDir = (dataDir: string): string => dataLayout(dataDir).templates
