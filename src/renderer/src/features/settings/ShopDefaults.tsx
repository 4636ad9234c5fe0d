import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { GROUP_BY, shopChoiceSchema, type ShopChoiceOptions } from '@shared/domain/export-choice'
import { useApp } from '../../context'
import { SaveBar, SelectField, TextField, useProblems } from './fields'
import { useSettingsCall, useSettingsView } from './useSettings'

/**
 * Shop files (Settings → Defaults): where the photos are published (each photo's URL is this base
 * plus its path), the product page's address for Merchant Center, the vendor, how photos group
 * into products, and the WooCommerce SEO plugin. The export dialog starts from these.
 */
export function ShopDefaults(): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge } = useApp()
  const [draft, setDraft] = useState<ShopChoiceOptions>(useSettingsView()!.settings.shop)
  const [done, setDone] = useState(false)
  const { call, refusal } = useSettingsCall()
  const problems = useProblems(shopChoiceSchema, draft)
  const set = (patch: Partial<ShopChoiceOptions>): void => {
    setDraft({ ...draft, ...patch })
    setDone(false)
  }
  const text = (value: string): string | undefined => value.trim() || undefined
  return (
    <form
      className="settings-section shop-defaults"
      data-testid="shop-defaults"
      onSubmit={(e) => e.preventDefault()}
    >
      <h3>{t('shop.title')}</h3>
      <TextField
        label={t('export.imageUrlBase')}
        value={draft.imageUrlBase ?? ''}
        placeholder="https://cdn.example.com/products/"
        hint={t('shop.imageUrlBaseHint')}
        problem={problems.get('imageUrlBase')}
        testId="shop-image-url-base"
        onChange={(value) => set({ imageUrlBase: text(value) })}
      />
      <TextField
        label={t('shop.productUrl')}
        value={draft.productUrl ?? ''}
        placeholder="https://shop.example.com/products/{handle}"
        hint={t('shop.productUrlHint')}
        problem={problems.get('productUrl')}
        onChange={(value) => set({ productUrl: text(value) })}
      />
      <TextField
        label={t('shop.vendor')}
        value={draft.vendor ?? ''}
        problem={problems.get('vendor')}
        onChange={(value) => set({ vendor: text(value) })}
      />
      <SelectField
        label={t('export.groupBy')}
        value={draft.groupBy}
        options={GROUP_BY.map((id) => ({ id, label: t(`export.by.${id}`) }))}
        onChange={(groupBy) => set({ groupBy })}
      />
      <SelectField
        label={t('shop.seoPlugin')}
        value={draft.seoPlugin ?? 'none'}
        options={[
          { id: 'none', label: t('shop.seoNone') },
          { id: 'yoast', label: 'Yoast SEO' },
          { id: 'rankmath', label: 'Rank Math' }
        ]}
        onChange={(plugin) => set({ seoPlugin: plugin === 'none' ? undefined : plugin })}
      />
      <SaveBar
        disabled={problems.size > 0}
        saved={done}
        refusal={refusal?.words}
        onSave={() =>
          void call(() => bridge.settings.update({ section: 'shop', value: draft })).then(setDone)
        }
      />
    </form>
  )
}
