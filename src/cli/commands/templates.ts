import type { Command } from 'commander'
import {
  BUILTIN_TEMPLATES,
  TemplateStore,
  staticPrefixTokens,
  templatesDir,
  type Template
} from '../../core'
import { PROMPT_CACHE_MIN_TOKENS } from '@shared/models/prompt-tokens'
import type { CliIo } from '../io'
import { UsageError, dataDirFrom } from '../run/settings'

type Flags = { dataDir?: string }

const store = (flags: Flags): TemplateStore => new TemplateStore(templatesDir(dataDirFrom(flags)))

const line = (t: Template, kind: string): string => {
  const prefix = staticPrefixTokens(t)
  const caching =
    prefix >= PROMPT_CACHE_MIN_TOKENS
      ? 'cacheable'
      : `below the ${PROMPT_CACHE_MIN_TOKENS.toLocaleString('en')} a cache needs`
  return `${t.id.padEnd(18)} ${kind.padEnd(9)} ${t.name} (${t.fields.map((f) => f.label).join(', ')}) · prefix ${prefix} tokens, ${caching}`
}

/** Registers `templates list|export|import`: the built-ins and the user's own, shared as JSON. */
export function registerTemplates(program: Command, io: CliIo): void {
  const templates = program
    .command('templates')
    .description('list, export and import templates (JSON)')
  templates
    .command('list')
    .option('--data-dir <dir>', 'where templates live')
    .action(async (flags: Flags) => {
      for (const t of BUILTIN_TEMPLATES) io.out(line(t, 'built-in'))
      for (const t of await store(flags).list()) io.out(line(t, 'yours'))
    })
  templates
    .command('export <id> <file>')
    .option('--data-dir <dir>', 'where templates live')
    .action(async (id: string, file: string, flags: Flags) => {
      await store(flags)
        .exportFile(id, file)
        .catch((error: Error) => {
          throw new UsageError(`templates export: there is no template "${id}" (${error.message}).`)
        })
      io.out(`Wrote ${file}`)
    })
  templates
    .command('import <file>')
    .option('--data-dir <dir>', 'where templates live')
    .action((file: string, flags: Flags) => importTemplate(file, flags, io))
}

async function importTemplate(file: string, flags: Flags, io: CliIo): Promise<void> {
  const template = await store(flags)
    .importFile(file)
    .catch((error: Error) => {
      throw new UsageError(`templates import: ${error.message}`)
    })
  io.out(
    `Saved template "${template.id}" (${template.name}); use it with --template ${template.id}`
  )
}
