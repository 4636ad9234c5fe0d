import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { TemplatePreview } from '@shared/templates/template-schema'
import { findModel, fallbackModel } from '@shared/models/catalog'
import { estimateRequest } from '../estimate/request-estimate'
import { tokenCost } from '../estimate/catalog-overrides'
import { ImageError } from '../images/image-error'
import { preprocessImage, type PreparedImage } from '../images/preprocess'
import { jobPreprocessSettings, jobPrices, photoVariables, requestShape } from './job-request'
import type { JobSettings } from './job-store'
import {
  buildRequest,
  expectedCompletionTokens,
  type BuiltRequest
} from '../templates/build-request'
import type { JobItem } from './job-state'
import type { Template } from '../templates/template'

/**
 * The request a template would send for one photo (`path`; none: the request without a photo):
 * built by the same code a run uses, the image prepared the same way, with its tokens and cost.
 * Nothing is sent.
 */
export async function previewTemplate(
  template: Template,
  settings: JobSettings,
  path: string | undefined
): Promise<TemplatePreview> {
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
