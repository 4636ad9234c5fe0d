import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { TemplatePreview } from '@shared/templates/template-schema'
import { findModel, fallbackModel } from '@shared/models/catalog'
import { estimateRequest } from '../core/estimate/request-estimate'
import { tokenCost } from '../core/estimate/catalog-overrides'
import { ImageError } from '../core/images/image-error'
import { preprocessImage, type PreparedImage } from '../core/images/preprocess'
import {
  jobPreprocessSettings,
  jobPrices,
  photoVariables,
  requestShape
} from '../core/jobs/job-request'
import type { JobSettings } from '../core/jobs/job-store'
import {
  buildRequest,
  expectedCompletionTokens,
  type BuiltRequest
} from '../core/templates/build-request'
import type { JobItem } from '../core/jobs/job-state'
import type { Template } from '../core/templates/template'
import { Draft } from './draft'
import type { Workspace } from './workspace'

/**
 * The request a template would send for one photo of the open queue (the row asked for, else the
 * first): built by the same code a run uses, the image prepared the same way, with its tokens
 * and cost. Nothing is sent.
 */
export async function templatePreview(
  ws: Workspace,
  template: Template,
  rowId?: string
): Promise<TemplatePreview> {
  const draft = ws.openDraft() ?? new Draft('preview', ws.defaultOptions(), () => {})
  const path = draft.pathOf(rowId ?? draft.rows()[0]?.id ?? '')
  const settings: JobSettings = { ...ws.settingsFor(draft), template, templateId: template.id }
  const { image, problem } = path ? await prepared(path, settings) : { image: null, problem: null }
  const built = previewRequest(template, settings, path, image)
  const model = findModel(settings.model) ?? fallbackModel()
  const estimate = estimateRequest(
    requestShape(built, template, model, image ? [image] : [], settings.detail),
    settings.imageAdmission
  )
  const prices = jobPrices(settings)
  const outputTokens = expectedCompletionTokens(template, findModel(settings.model))
  return {
    photo: path ? basename(path) : null,
    body: shownBody(built.body, image),
    promptTokens: estimate.promptTokens,
    imageTokens: estimate.imageTokens,
    outputTokens,
    costUsd: prices ? tokenCost(prices, estimate.promptTokens, outputTokens) : null,
    photoProblem: problem
  }
}

/** The request as a run builds it for this photo (no photo: the same request without one). */
function previewRequest(
  template: Template,
  settings: JobSettings,
  path: string | undefined,
  image: PreparedImage | null
): BuiltRequest {
  const item: JobItem = {
    id: 'preview',
    sha256: '',
    bytes: 0,
    paths: [path ?? 'photo.jpg'],
    status: 'pending'
  }
  const dataUrl = image ? `data:${image.mime};base64,${image.data.toString('base64')}` : ''
  return buildRequest(
    template,
    photoVariables(item, settings),
    { dataUrl, detail: settings.detail },
    findModel(settings.model),
    settings.model,
    settings.structuredMode
  )
}

async function prepared(
  path: string,
  settings: JobSettings
): Promise<{ image: PreparedImage | null; problem: string | null }> {
  try {
    return {
      image: await preprocessImage(await readFile(path), jobPreprocessSettings(settings)),
      problem: null
    }
  } catch (error) {
    return { image: null, problem: error instanceof ImageError ? error.code : 'unreadable' }
  }
}

/** The body as JSON, the image's data URL replaced by its type, size and byte count. */
function shownBody(body: unknown, image: PreparedImage | null): string {
  const text = JSON.stringify(body, null, 2)
  const shown = image
    ? `data:${image.mime};base64,… (${image.width}×${image.height}, ${Math.round(image.data.length / 1024)} KB)`
    : '(no photo in the queue yet)'
  return text
    .replace(/"url": "data:[^"]*"/, `"url": "${shown}"`)
    .replace(/"url": ""/, `"url": "${shown}"`)
}
