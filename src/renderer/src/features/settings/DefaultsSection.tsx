import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { defaultsSchema, type DefaultSettings } from '@shared/settings/schema'
import { useApp, useWorkspaceState } from '../../context'
import { templateName } from '../../words/templates'
import { ModelPicker } from '../../components/ModelPicker'
import { Field, NumberField, SaveBar, SelectField, useProblems } from './fields'
import { useSettingsCall, useSettingsView } from './useSettings'
import { BrandFields } from './BrandFields'
import { ShopDefaults } from './ShopDefaults'

/** Defaults for a new queue: model, detail, template, language, JPEG quality, background, budget, concurrency, the brand. */
export function DefaultsSection(): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge } = useApp()
  const snapshot = useWorkspaceState((s) => s.snapshot)
  const [draft, setDraft] = useState<DefaultSettings>(useSettingsView()!.settings.defaults)
  const [done, setDone] = useState(false)
  const { call, refusal } = useSettingsCall()
  const problems = useProblems(defaultsSchema, draft)
  const set = (patch: Partial<DefaultSettings>): void => {
    setDraft({ ...draft, ...patch })
    setDone(false)
  }
  const languages = [...new Set([draft.language, ...(snapshot?.languages ?? [])])]
  return (
    <>
      <form
        className="settings-section"
        data-testid="settings-defaults"
        onSubmit={(e) => e.preventDefault()}
      >
        <h3>{t('settings.tabs.defaults')}</h3>
        <p className="muted small">{t('defaults.intro')}</p>
        <Field label={t('run.model')} problem={problems.get('model')}>
          {({ id }) => (
            <ModelPicker id={id} value={draft.model} onChange={(model) => set({ model })} />
          )}
        </Field>
        <SelectField
          label={t('run.detail')}
          value={draft.detail}
          options={[
            { id: 'low', label: t('run.detailLow') },
            { id: 'high', label: t('run.detailHigh') },
            { id: 'auto', label: t('run.detailAuto') }
          ]}
          onChange={(detail) => set({ detail })}
        />
        <SelectField
          label={t('run.template')}
          value={draft.templateId}
          options={(snapshot?.templates ?? []).map((m) => ({
            id: m.id,
            label: templateName(m, t)
          }))}
          onChange={(templateId) => set({ templateId })}
        />
        <SelectField
          label={t('defaults.language')}
          value={draft.language}
          options={languages.map((l) => ({ id: l, label: l }))}
          onChange={(language) => set({ language })}
        />
        <NumberField
          label={t('defaults.jpegQuality')}
          value={draft.jpegQuality}
          hint={t('defaults.jpegQualityHint')}
          problem={problems.get('jpegQuality')}
          testId="default-jpeg-quality"
          onChange={(jpegQuality) => set({ jpegQuality: jpegQuality ?? NaN })}
        />
        <Field
          label={t('defaults.background')}
          problem={problems.get('background')}
          hint={t('defaults.backgroundHint')}
        >
          {({ id, describedBy, invalid }) => (
            <span className="colour-input">
              <input
                type="color"
                aria-label={t('defaults.background')}
                value={/^#[0-9a-f]{6}$/i.test(draft.background) ? draft.background : '#ffffff'}
                onChange={(e) => set({ background: e.target.value })}
              />
              <input
                id={id}
                value={draft.background}
                aria-invalid={invalid || undefined}
                aria-describedby={describedBy}
                onChange={(e) => set({ background: e.target.value })}
              />
            </span>
          )}
        </Field>
        <NumberField
          label={t('defaults.budget')}
          value={draft.budgetUsd}
          allowEmpty
          placeholder={t('run.noLimit')}
          problem={problems.get('budgetUsd')}
          testId="default-budget"
          onChange={(budgetUsd) => set({ budgetUsd })}
        />
        <NumberField
          label={t('defaults.concurrency')}
          value={draft.maxConcurrency}
          hint={t('defaults.concurrencyHint')}
          problem={problems.get('maxConcurrency')}
          onChange={(maxConcurrency) => set({ maxConcurrency: maxConcurrency ?? NaN })}
        />
        <BrandFields
          brand={draft.brand}
          problem={(path) =>
            [...problems].find(([at]) => at === path || at.startsWith(`${path}.`))?.[1]
          }
          onChange={(brand) => set({ brand })}
        />
        <SaveBar
          disabled={problems.size > 0}
          saved={done}
          refusal={refusal?.words}
          onSave={() =>
            void call(() => bridge.settings.update({ section: 'defaults', value: draft })).then(
              setDone
            )
          }
        />
      </form>
      <ShopDefaults />
    </>
  )
}
