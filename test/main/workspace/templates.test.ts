import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { TemplateInput } from '@shared/templates/template-schema'
import { templatesHandlers } from '../../../src/main/ipc/handlers/templates'
import type { Workspace } from '../../../src/main/workspace/workspace'
import { FakeDesktop } from '../../helpers/fake-desktop'
import { photoFolder } from '../../helpers/job-fixtures'
import { until } from '../../helpers/until'
import { testWorkspace } from '../../helpers/workspace'

const CAPTION = {
  id: 'instagram-caption',
  name: 'Instagram caption',
  instructions: 'Write an Instagram caption in {language} for {filename}.',
  fields: [
    {
      name: 'caption',
      label: 'Caption',
      type: 'string',
      description: 'A caption.',
      rules: { maxLength: 200, bannedWords: ['cheap'] }
    }
  ],
  maxCompletionTokens: 200
} satisfies TemplateInput

let ws: Workspace | undefined
afterEach(async () => {
  await ws?.close()
  ws = undefined
})

async function setUp(photos = 0) {
  const folder = await photoFolder(photos)
  const desktop = new FakeDesktop()
  const updates: unknown[] = []
  ws = testWorkspace(folder.dataDir, {}, desktop, (update) => updates.push(update))
  await ws.snapshot()
  return { ws, desktop, folder, updates, handlers: templatesHandlers(ws) }
}

describe('templates in the window', () => {
  it('a saved template is listed, offered in the picker, exported and imported back', async () => {
    const { handlers, desktop, folder, updates } = await setUp()
    const list = await handlers.save(templateInput())
    expect(list.saved.map((t) => t.id)).toEqual(['instagram-caption'])
    expect(list.builtins.length).toBeGreaterThan(3)
    await until(() => JSON.stringify(updates).includes('Instagram caption'))
    desktop.savePath = join(folder.dataDir, 'caption.json')
    expect(await handlers.exportFile({ id: 'instagram-caption' })).toEqual({
      path: desktop.savePath
    })
    const exported = JSON.parse(await readFile(desktop.savePath, 'utf8'))
    expect(exported).toMatchObject({ id: 'instagram-caption', fields: [{ name: 'caption' }] })
    await handlers.remove({ id: 'instagram-caption' })
    desktop.template = desktop.savePath
    expect((await handlers.importFile(undefined))?.saved.map((t) => t.id)).toEqual([
      'instagram-caption'
    ])
  })

  it('an imported file that is wrong is refused with the field and nothing is saved', async () => {
    const { handlers, desktop, folder } = await setUp()
    const broken = join(folder.photos, 'broken.json')
    await writeFile(
      broken,
      JSON.stringify({ ...CAPTION, fields: [{ ...CAPTION.fields[0], name: 'Caption Text' }] })
    )
    desktop.template = broken
    await expect(handlers.importFile(undefined)).rejects.toMatchObject({
      problem: { code: 'fieldName', field: 'fields.0.name' }
    })
    await writeFile(broken, '{ not json')
    await expect(handlers.importFile(undefined)).rejects.toMatchObject({
      problem: { code: 'notJson' }
    })
    await expect(handlers.save({ ...templateInput(), id: 'seo-meta' })).rejects.toMatchObject({
      problem: { code: 'builtinId', field: 'id' }
    })
    expect((await handlers.list(undefined)).saved).toEqual([])
  })

  it('previews the exact request for a queued photo: the prepared image, its tokens and cost; nothing is sent', async () => {
    const { ws, handlers, folder } = await setUp(2)
    const draft = ws.ensureDraft()
    await draft.add([folder.photos])
    const preview = await handlers.preview({ template: templateInput() })
    expect(preview.photo).toBe('IMG_0000.jpg')
    const body = JSON.parse(preview.body)
    expect(body.model).toBe('gpt-6-luna')
    expect(body.messages[1].content[0].text).toBe(
      'Write an Instagram caption in English for IMG_0000.jpg.'
    )
    expect(body.messages[1].content[1].image_url.url).toMatch(
      /^data:image\/jpeg;base64,… \(120×90, \d+ KB\)$/
    )
    expect(preview.imageTokens).toBeGreaterThan(0)
    expect(preview.promptTokens).toBeGreaterThan(preview.imageTokens)
    expect(preview.costUsd).toBeGreaterThan(0)
    const second = draft.rows()[1]
    expect((await handlers.preview({ template: templateInput(), rowId: second.id })).photo).toBe(
      'IMG_0001.jpg'
    )
  })

  it('previews without photos: the request without an image, and says so', async () => {
    const { handlers } = await setUp()
    const preview = await handlers.preview({ template: templateInput() })
    expect(preview.photo).toBeNull()
    expect(preview.imageTokens).toBe(0)
    expect(preview.body).toContain('(no photo in the queue yet)')
  })
})

function templateInput() {
  return structuredClone(CAPTION) as unknown as Parameters<
    ReturnType<typeof templatesHandlers>['save']
  >[0]
}
