import { AppError, ErrorCodes } from '@shared/errors'
import { problemOf } from '@shared/problem'
import type { Handlers } from '@shared/ipc/routes'
import { BUILTIN_TEMPLATES, TemplateError } from '../../../core'
import { templatePreview } from '../../workspace/template-preview'
import type { Workspace } from '../../workspace/workspace'

/** `templates:*`: the user's templates in the data folder, and a preview of one request. */
export function templatesHandlers(ws: Workspace): Handlers['templates'] {
  const store = ws.templateStore
  const list = async () => ({ builtins: [...BUILTIN_TEMPLATES], saved: await store.list() })
  const changed = async () => {
    await ws.templatesChanged()
    return list()
  }
  return {
    list,
    save: async (template) => {
      await refusedWithField(() => store.save(template))
      return changed()
    },
    remove: async ({ id }) => {
      await store.remove(id)
      return changed()
    },
    importFile: async () => {
      const path = await ws.deps.desktop.chooseFile('template')
      if (!path) return null
      await refusedWithField(() => store.importFile(path))
      return changed()
    },
    exportFile: async ({ id }) => {
      const path = await ws.deps.desktop.chooseSavePath(`${id}.json`, 'json')
      if (!path) return null
      await store.exportFile(id, path)
      return { path }
    },
    preview: ({ template, rowId }) => templatePreview(ws, template, rowId)
  }
}

/** A template refused: its problem code crosses with the field it is about. */
async function refusedWithField(action: () => Promise<unknown>): Promise<void> {
  try {
    await action()
  } catch (error) {
    if (error instanceof TemplateError)
      throw new AppError(ErrorCodes.refused, problemOf(error.problem.problem, error.problem.field))
    throw error
  }
}
