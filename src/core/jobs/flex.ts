import { findModel } from '@shared/models/catalog'
import type { Problem } from '@shared/problem'
import { takesOpenAIFields } from './job-request'
import type { JobSettings } from './job-store'

/**
 * Why a job cannot run as Flex, or null: Flex is OpenAI's own (gateways, local servers and Azure
 * deployments are not sent `service_tier`), and only on models that take it. A model the catalog
 * is unsure of (`unknown`) may try: the API's answer then says.
 */
export function flexProblem(
  settings: Pick<JobSettings, 'model' | 'endpoint'>,
  azure = false
): Problem | null {
  if (!takesOpenAIFields(settings.endpoint) || azure)
    return { code: 'flexOpenAIOnly', field: 'mode', params: {} }
  if (findModel(settings.model)?.flex === 'no')
    return { code: 'flexNotForModel', field: 'mode', params: { n: settings.model } }
  return null
}
