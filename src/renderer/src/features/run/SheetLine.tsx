import { useTranslation } from 'react-i18next'
import type { EstimateView } from '@shared/domain/queue'
import { SHEET_ENCODINGS, type SheetEncoding } from '@shared/domain/sheet-encoding'
import { useApp } from '../../context'
import { useFormat } from '../../words/format'
import { SkuPatternField } from './SkuPatternField'

type Sheet = NonNullable<EstimateView['sheet']>

/**
 * The attached product sheet: how many photos it matched and, for a CSV, the encoding it was read
 * in and how that was decided, with a picker to read it again in another.
 */
export function SheetLine({ sheet, photos }: { sheet: Sheet; photos: number }): React.JSX.Element {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <>
      <p className="small" data-testid="sheet-matches">
        {t('estimate.sheet', {
          name: sheet.name,
          matched: format.count(sheet.matched),
          photos: format.photos(photos)
        })}
      </p>
      {sheet.encoding && <EncodingPicker sheet={sheet} encoding={sheet.encoding} />}
      <SkuPatternField sheet={sheet} photos={photos} />
    </>
  )
}

function EncodingPicker({
  sheet,
  encoding
}: {
  sheet: Sheet
  encoding: SheetEncoding
}): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge, act } = useApp()
  return (
    <label className="small sheet-encoding" data-testid="sheet-encoding">
      {t('estimate.readAs')}{' '}
      <select
        aria-label={t('estimate.encoding')}
        value={encoding}
        onChange={(event) =>
          void act(() =>
            bridge.queue.setSheetEncoding({ encoding: event.target.value as SheetEncoding })
          )
        }
      >
        {SHEET_ENCODINGS.map((name) => (
          <option key={name} value={name}>
            {name.toUpperCase()}
          </option>
        ))}
      </select>{' '}
      <span className="muted">({t(`estimate.encodingHow.${sheet.how ?? 'detected'}`)})</span>
    </label>
  )
}
