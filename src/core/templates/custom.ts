import { mkdir, readFile, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { TEMPLATE_ID, templateSchema } from '@shared/templates/template-schema'
import { englishProblem } from '@shared/i18n/problems'
import { writeFileAtomic } from '../files/atomic-file'
import { findTemplate } from './builtins'
import type { Template } from './template'
import { dataLayout } from '../paths'

/** A template file larger than this is refused before it is read (the longest valid one is ~40 KB). */
export const MAX_TEMPLATE_BYTES = 256 * 1024

/** Validates template JSON, naming the field that is wrong (in English, for the CLI and errors). */
export function parseTemplate(json: unknown): Template {
  const result = templateSchema.safeParse(json)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const field = issue.path.length ? ` "${issue.path.join('.')}"` : ''
  throw new TemplateError(`Template${field}: ${englishProblem(issue.message)}`, {
    field: issue.path.join('.'),
    problem: issue.message
  })
}

/** A template refused, with the field and its problem code for the window. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly problem: { field: string; problem: string }
  ) {
    super(message)
    this.name = 'TemplateError'
  }
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
    return parseTemplate(JSON.parse(await readFile(this.pathOf(id), 'utf8')))
  }

  /** A saved template's file; an id that is not a template id (`../settings`) is refused. */
  private pathOf(id: string): string {
    if (!TEMPLATE_ID.test(id))
      throw new TemplateError(`Template "id": "${id.slice(0, 60)}" is not a template id.`, {
        field: 'id',
        problem: 'templateId'
      })
    return join(this.dir, `${id}.json`)
  }

  /** Saves a template; built-in ids are reserved. */
  async save(template: Template): Promise<void> {
    const valid = parseTemplate(template)
    if (findTemplate(valid.id))
      throw new TemplateError(
        `Template "id": "${valid.id}" is a built-in template; choose another id.`,
        { field: 'id', problem: 'builtinId' }
      )
    await mkdir(this.dir, { recursive: true })
    await writeFileAtomic(this.pathOf(valid.id), JSON.stringify(valid, null, 2))
  }

  /** Reads a template file (an export from elsewhere), validates and saves it. */
  async importFile(path: string): Promise<Template> {
    const { size } = await stat(path)
    if (size > MAX_TEMPLATE_BYTES)
      throw new TemplateError(
        `${path} is ${Math.round(size / 1024).toLocaleString('en')} KB; a template file is at most 256 KB.`,
        { field: '', problem: `fileTooLarge:${MAX_TEMPLATE_BYTES / 1024}` }
      )
    let json: unknown
    try {
      json = JSON.parse(await readFile(path, 'utf8'))
    } catch {
      throw new TemplateError(`${path} is not a JSON file.`, { field: '', problem: 'notJson' })
    }
    const template = parseTemplate(json)
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

  /** Deletes a saved template (built-ins cannot be). */
  async remove(id: string): Promise<void> {
    if (findTemplate(id)) return
    await rm(this.pathOf(id), { force: true })
  }
}

export const templatesDir = (dataDir: string): string => dataLayout(dataDir).templates
