import { AppError, ErrorCodes } from '@shared/errors'
import { productOf, saveJobSettings, withProductKeywords } from '../../core'
import { deskView } from './review-desk'
import type { Workspace } from './workspace'

/** The desk's job and one of its photos, for the product's keywords. */
function photoOf(ws: Workspace, id: string) {
  const view = deskView(ws)
  const item = view.job.state.items.get(id)
  if (!item) throw new AppError(ErrorCodes.notFound, { code: 'editNeedsAnswer' })
  return { view, item }
}

/** The target keywords of the product a photo shows: typed at the desk or from the product sheet. */
export function productKeywords(ws: Workspace, id: string): string {
  const { view, item } = photoOf(ws, id)
  return productOf(item, view.job.settings).keywords ?? ''
}

/**
 * Sets the target keywords of the product a photo shows, typed at the review desk: saved with the
 * job (as its product sheet's row), asked for in every later request for the product (a
 * regenerate), and checked at once in each of its answers. Returns how many rows it touched.
 */
export async function setProductKeywords(
  ws: Workspace,
  id: string,
  keywords: string
): Promise<number> {
  const { view, item } = photoOf(ws, id)
  await saveJobSettings(view.job, withProductKeywords(item, view.job.settings, keywords))
  const after = productOf(item, view.job.settings)
  // Every photo that reads the same sheet row is the same product.
  const same = [...view.job.state.items.values()].filter(
    (other) => productOf(other, view.job.settings) === after
  )
  const rows = same.flatMap((other) => view.row(other.id) ?? [])
  ws.pump.patch(view.id, { rows, run: view.runView(ws.now()) })
  return rows.length
}
