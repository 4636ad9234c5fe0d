import { useTranslation } from 'react-i18next'
import type { Brand } from '@shared/domain/brand'
import { TextField, WordsField } from './fields'

/**
 * The brand's voice and words, for every new queue (Settings → Defaults) or for one template's
 * jobs (`ofTemplate`): asked for in each prompt, checked in each answer.
 */
export function BrandFields({
  brand,
  problem,
  onChange,
  ofTemplate = false
}: {
  brand: Brand
  problem: (path: string) => string | undefined
  onChange(brand: Brand): void
  ofTemplate?: boolean
}): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <fieldset className="brand-fields" data-testid="brand-fields">
      <legend>{t(ofTemplate ? 'templates.brand' : 'defaults.brand')}</legend>
      <p className="muted small">
        {t(ofTemplate ? 'templates.brandIntro' : 'defaults.brandIntro')}
      </p>
      <TextField
        label={t('defaults.brandVoice')}
        value={brand.voice}
        hint={t('defaults.brandVoiceHint')}
        problem={problem('brand.voice')}
        onChange={(voice) => onChange({ ...brand, voice })}
      />
      <WordsField
        label={t('defaults.brandUse')}
        words={brand.use}
        problem={problem('brand.use')}
        onChange={(use) => onChange({ ...brand, use: use ?? [] })}
      />
      <WordsField
        label={t('defaults.brandAvoid')}
        words={brand.avoid}
        problem={problem('brand.avoid')}
        onChange={(avoid) => onChange({ ...brand, avoid: avoid ?? [] })}
      />
    </fieldset>
  )
}
