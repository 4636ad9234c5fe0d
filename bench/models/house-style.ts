import { findTemplate } from '../../src/core/templates/builtins'
import type { Template } from '../../src/core/templates/template'

/** A shop's style guide, as marketers paste theirs: long, fixed, the same for every photo. */
const STYLE_GUIDE = [
  'Voice: warm, concrete and brief; speak to one shopper; no exclamation marks, no superlatives.',
  'Never claim a certification, a material or a size the photo does not show.',
  'Colours: use the names from our palette (oat, clay, sage, slate, ink, chalk) where they fit.',
  'Titles: product type first, then the one feature a shopper would search for, then the colour.',
  'Descriptions: what it is, what it is for, what it is made of, how it feels to use.',
  'Avoid: cheap, best, perfect, amazing, must-have, world-class, revolutionary, ultimate.',
  'Prefer verbs of use (pour, carry, store, wear) over adjectives of praise.',
  'Numbers as digits; units in metric with a space (12 cm, 350 ml).',
  'British spelling for the UK shop; keep brand names exactly as written.',
  'Accessibility: describe what is visible for someone who cannot see the photo.'
]

/**
 * A house-style template: the built-in SEO meta description preceded by a style guide long enough
 * (≥ 1,024 tokens, repeated sections as real guides are) for the prompt cache to serve it.
 */
export function houseStyleTemplate(): Template {
  const base = findTemplate('seo-meta')!
  const sections = Array.from(
    { length: 8 },
    (_, i) =>
      `Section ${i + 1} of the house style.\n${STYLE_GUIDE.map((rule, j) => `${i + 1}.${j + 1} ${rule}`).join('\n')}`
  )
  return {
    ...base,
    id: 'house-style-meta',
    name: 'House-style meta description',
    instructions: `${sections.join('\n\n')}\n\n${base.instructions}`
  }
}
