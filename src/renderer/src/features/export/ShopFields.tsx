import { useTranslation } from 'react-i18next'
import { GROUP_BY, type GroupBy, type ShopChoiceInput } from '@shared/domain/export-choice'

/**
 * A shop file's choices in the export dialog: how photos group into products and where the shop
 * fetches them (kept in Settings after a save). Without a base URL the image columns stay empty,
 * and the dialog says so before saving.
 */
export function ShopFields({
  choice,
  onChange
}: {
  choice: ShopChoiceInput
  onChange(choice: ShopChoiceInput): void
}): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <fieldset className="shop-fields">
      <label className="field">
        <span className="small muted">{t('export.groupBy')}</span>
        <select
          value={choice.groupBy ?? 'sku'}
          data-testid="export-group-by"
          onChange={(e) => onChange({ ...choice, groupBy: e.target.value as GroupBy })}
        >
          {GROUP_BY.map((by) => (
            <option key={by} value={by}>
              {t(`export.by.${by}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="small muted">{t('export.imageUrlBase')}</span>
        <input
          type="url"
          value={choice.imageUrlBase ?? ''}
          placeholder="https://cdn.example.com/products/"
          data-testid="export-image-url-base"
          onChange={(e) =>
            onChange({ ...choice, imageUrlBase: e.target.value.trim() || undefined })
          }
        />
      </label>
      {!choice.imageUrlBase && (
        <p className="small muted" role="note">
          {t('export.noImageUrlBase')}
        </p>
      )}
    </fieldset>
  )
}
