import { useTranslation } from 'react-i18next'
import { GROUP_BY, type GroupBy } from '@shared/domain/export-choice'
import type { EstimateView } from '@shared/domain/queue'
import { useApp, useWorkspaceState } from '../../context'
import { useFormat } from '../../words/format'
import { SkuPatternField } from './SkuPatternField'

type Grouping = NonNullable<EstimateView['grouping']>

/**
 * One request per photo, or per product (photos grouped by SKU or by folder): one listing from
 * all of a product's photos. Shows what the grouping makes of the photos, live; by SKU, the
 * pattern beside it (with a product sheet, the sheet's line shows it).
 */
export function ProductsField({ estimate }: { estimate: EstimateView }): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge, act } = useApp()
  const by = useWorkspaceState((s) => s.view?.options.groupBy ?? 'none')
  const choose = (value: GroupBy): void =>
    void act(() => bridge.queue.setOptions({ groupBy: value }))
  return (
    <div className="products-field" data-testid="products-field">
      <label className="field-row small">
        <span>{t('estimate.groupBy')}</span>
        <select
          value={by}
          aria-label={t('estimate.groupBy')}
          onChange={(event) => choose(event.target.value as GroupBy)}
        >
          {[...GROUP_BY].reverse().map((value) => (
            <option key={value} value={value}>
              {t(`estimate.groupByChoice.${value}`)}
            </option>
          ))}
        </select>
      </label>
      {by === 'sku' && !estimate.sheet && <SkuPatternField photos={estimate.photos} />}
      {estimate.grouping && <GroupingPreview grouping={estimate.grouping} />}
    </div>
  )
}

/** "3 products · 3 requests · largest: TSHIRT-01 (2 photos), MUG-02 (2), …". */
function GroupingPreview({ grouping }: { grouping: Grouping }): React.JSX.Element {
  const { t } = useTranslation()
  const { count } = useFormat()
  const largest = grouping.largest
    .map((product) => t('estimate.groupingProduct', { key: product.key, n: count(product.photos) }))
    .join(', ')
  const split = grouping.largest.some((product) => product.photos > grouping.perRequest)
  return (
    <p className="small muted" data-testid="grouping-preview">
      {t('estimate.grouping', {
        products: count(grouping.products),
        requests: count(grouping.requests)
      })}
      {largest && t('estimate.groupingLargest', { names: largest })}
      {split && t('estimate.groupingSplit', { n: grouping.perRequest })}
    </p>
  )
}
