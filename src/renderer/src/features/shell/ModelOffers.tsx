import { useState } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { ModelOffer } from '@shared/models/model-offers'
import { useApp, useWorkspaceState, type AppContextValue } from '../../context'
import { useFormat } from '../../words/format'

const NONE: ModelOffer[] = []

/**
 * Said at start, once, above the queue: what Settings and the unfinished jobs name that is
 * switched off or shuts down soon, each with its switch — "Use X by default", "Switch job to X"
 * (after a confirmation), or Settings for keys, prices and deployments. Nothing switches alone.
 */
export function ModelOffers(): React.JSX.Element | null {
  const { t } = useTranslation()
  const app = useApp()
  const { count } = useFormat()
  const offers = useWorkspaceState((s) => s.snapshot?.modelOffers ?? NONE)
  const [dismissed, setDismissed] = useState(false)
  if (dismissed || offers.length === 0) return null
  const gone = offers.some((offer) => offer.life.kind === 'gone')
  return (
    <section
      className={gone ? 'model-offers gone' : 'model-offers'}
      aria-label={t('offers.title')}
      data-testid="model-offers"
    >
      <ul>
        {offers.map((offer) => (
          <li key={`${offer.where}:${offer.id ?? offer.name ?? ''}:${offer.model}`}>
            <span>{offerText(offer, t, count)}</span>
            <OfferAction offer={offer} app={app} t={t} left={count(offer.left ?? 0)} />
          </li>
        ))}
      </ul>
      <div className="model-offers-foot">
        <span className="muted small">{t('offers.never')}</span>
        <button type="button" className="small ghost" onClick={() => setDismissed(true)}>
          {t('app.dismiss')}
        </button>
      </div>
    </section>
  )
}

/** "Unfinished job “Spring” (40 photos left) asks gpt-4.1-mini, which shuts down on …". */
export function offerText(offer: ModelOffer, t: TFunction, count: (n: number) => string): string {
  const { life } = offer
  const when = t(life.kind === 'gone' ? 'offers.gone' : 'offers.dying', { date: life.shutdownDate })
  const instead = life.replacement ? t('offers.replaces', { replacement: life.replacement }) : ''
  return t(`offers.${offer.where}`, {
    model: offer.model,
    name: offer.name ?? '',
    left: count(offer.left ?? 0),
    when,
    instead
  })
}

function OfferAction({
  offer,
  app,
  t,
  left
}: {
  offer: ModelOffer
  app: AppContextValue
  t: TFunction
  left: string
}): React.JSX.Element | null {
  const to = offer.life.replacement
  const { bridge, act, store } = app
  if (offer.where === 'default' && to) {
    const useDefault = async (): Promise<unknown> => {
      const defaults = store.getState().snapshot?.settings.settings.defaults
      if (!defaults) return
      return bridge.settings.update({ section: 'defaults', value: { ...defaults, model: to } })
    }
    return button(t('offers.useDefault', { model: to }), () => void act(useDefault))
  }
  if (offer.where === 'job' && to && offer.id) {
    const id = offer.id
    const ask = t('offers.switchConfirm', { name: offer.name, left, from: offer.model, to })
    return button(t('offers.switchJob', { model: to }), () => {
      if (globalThis.confirm(ask)) void act(() => bridge.jobs.switchModel({ id, to }))
    })
  }
  if (offer.where === 'job') return null
  const section = offer.where === 'key' ? 'keys' : offer.where === 'price' ? 'prices' : 'provider'
  return button(t('offers.settings'), () => app.openSettings(section))
}

function button(label: string, onClick: () => void): React.JSX.Element {
  return (
    <button type="button" className="small" onClick={onClick}>
      {label}
    </button>
  )
}
