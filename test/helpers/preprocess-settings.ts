import { findModel } from '@shared/models/catalog'
import type { Detail } from '@shared/models/image-tokens'
import { DEFAULT_PREPROCESS, type PreprocessSettings } from '../../src/core/images/preprocess'

/** Default preprocessing for gpt-4o at the given detail. */
export function gpt4oSettings(detail: Detail = 'high'): PreprocessSettings {
  return { ...DEFAULT_PREPROCESS, detail, method: findModel('gpt-4o')!.imageTokens }
}
