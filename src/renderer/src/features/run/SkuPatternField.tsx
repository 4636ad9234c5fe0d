import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { COMMON_SKU_PATTERNS } from '@shared/domain/sku'
import type { EstimateView } from '@shared/domain/queue'
import { useApp, useWorkspaceState } from '../../context'
import { readBridgeError } from '../../bridge'
import { problemText } from '../../words/problems'
import { useFormat } from '../../words/format'

type Sheet = NonNullable<EstimateView['sheet']>
const CUSTOM = 'custom'
/** Typing pauses this long before the pattern is tried (the preview follows as you type). */
const SETTLE_MS = 300

/**
 * Which part of a photo's file name is its SKU (to find its row in the product sheet): the whole
 * name, a common pattern, or the user's own, with a live preview of what matched and what did not.
 * A pattern main refuses (no group, invalid, every photo one product) is said here, in words.
 */
export function SkuPatternField({
  sheet,
  photos
}: {
  /** The attached product sheet (its matches are previewed); none when the pattern groups photos only. */
  sheet?: Sheet
  photos: number
}): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge } = useApp()
  const saved = useWorkspaceState((s) => s.view?.options.skuPattern ?? '')
  const [text, setText] = useState(saved)
  const [problem, setProblem] = useState<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => setText(saved), [saved])
  const send = (pattern: string): void => {
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      bridge.queue
        .setOptions({ skuPattern: pattern === '' ? null : pattern })
        .then(() => setProblem(null))
        .catch((error: unknown) => setProblem(problemText(readBridgeError(error).problem, t)))
    }, SETTLE_MS)
  }
  const change = (pattern: string): void => {
    setText(pattern)
    send(pattern)
  }
  const preset =
    text === '' ? '' : COMMON_SKU_PATTERNS.some((p) => p.pattern === text) ? text : CUSTOM
  return (
    <div className="sku-field" data-testid="sku-field">
      <label className="field-row">
        <span>{t('estimate.sku')}</span>
        <select
          value={preset}
          aria-label={t('estimate.skuPattern')}
          onChange={(event) => change(event.target.value === CUSTOM ? text : event.target.value)}
        >
          <option value="">{t('estimate.skuWhole')}</option>
          {COMMON_SKU_PATTERNS.map((p) => (
            <option key={p.pattern} value={p.pattern}>
              {p.example}
            </option>
          ))}
          <option value={CUSTOM}>{t('estimate.skuCustom')}</option>
        </select>
      </label>
      <input
        className="mono sku-input"
        value={text}
        placeholder="^([^_]+)_"
        aria-label={t('field.skuPattern')}
        title={t('estimate.skuHelp')}
        onChange={(event) => change(event.target.value)}
        aria-invalid={problem ? true : undefined}
      />
      {problem ? (
        <p className="field-problem small" role="alert" data-testid="sku-problem">
          {problem}
        </p>
      ) : (
        sheet && <SkuPreview sheet={sheet} photos={photos} />
      )}
    </div>
  )
}

/** "Matched 38 of 40; unmatched: IMG_0012.jpg, … · 20 products". */
function SkuPreview({ sheet, photos }: { sheet: Sheet; photos: number }): React.JSX.Element {
  const { t } = useTranslation()
  const { count } = useFormat()
  const unmatched = sheet.unmatched ?? []
  const missing = photos - sheet.matched
  return (
    <p className="small muted" data-testid="sku-preview">
      {t('estimate.skuPreview', { matched: count(sheet.matched), photos: count(photos) })}
      {unmatched.length > 0 &&
        t('estimate.skuUnmatched', { names: unmatched.join(', ') }) +
          (missing > unmatched.length ? t('estimate.skuMore') : '')}
      {sheet.products !== undefined && t('estimate.skuProducts', { count: sheet.products })}
    </p>
  )
}
