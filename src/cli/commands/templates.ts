import type { Command } from 'commander'
import { BUILTIN_TEMPLATES } from '../../main/core/templates/builtins'
import { TemplateStore, templatesDir } from '../../main/core/templates/custom'
import type { CliIo } from '../program'
import { UsageError, dataDirFrom } from '../run/settings'

/** Registers `templates list|export|import`: the built-ins and the user's own, shared as JSON. */
export function registerTemplates(program: Command, io: CliIo): void {
  const templates = program
    .command('templates')
    .description('list, export and import templates (JSON)')
  const store = (flags: { dataDir?: string }): TemplateStore =>
    new TemplateStore(templatesDir(dataDirFrom(flags)))
  templates
    .command('list')
    .option('--data-dir <dir>', 'where templates live')
    .action(async (flags: { dataDir?: string }) => {
      for (const t of BUILTIN_TEMPLATES)
        io.out(
          `${t.id.padEnd(18)} built-in  ${t.name} (${t.fields.map((f) => f.label).join(', ')})`
        )
      for (const t of await store(flags).list())
        io.out(
          `${t.id.padEnd(18)} yours     ${t.name} (${t.fields.map((f) => f.label).join(', ')})`
        )
    })
  templates
    .command('export <id> <file>')
    .option('--data-dir <dir>', 'where templates live')
    .action(async (id: string, file: string, flags: { dataDir?: string }) => {
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
    .action(async (file: string, flags: { dataDir?: string }) => {
      const template = await store(flags)
        .importFile(file)
        .catch((error: Error) => {
          throw new UsageError(`templates import: ${error.message}`)
        })
      io.out(
        `Saved template "${template.id}" (${template.name}); use it with --template ${template.id}`
      )
    })
}
