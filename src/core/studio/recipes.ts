import type { ImageQuality } from '@shared/models/image-models'

/** A free local step (sharp, no model): pad to a square, refuse a small photo, resize. */
export type LocalStep =
  | { step: 'square'; background: string }
  | { step: 'min-size'; px: number }
  | { step: 'resize'; longSide: number }

/** What a recipe asks of the image model. */
export interface ModelAsk {
  prompt: string
  model: string
  size: string
  quality: ImageQuality
  background: 'transparent' | 'opaque' | 'auto'
  /** `high` keeps the product's details (labels, stitching) and costs more input tokens. */
  inputFidelity: 'high' | 'low'
  /**
   * Made from the words alone (`/v1/images/generations`), not from the photo: `{{name}}` in the
   * prompt becomes the photo's product name ("red-mug_front.jpg" → "red mug").
   */
  generate?: boolean
}

/** A saved, editable way to make a marketplace image: a model ask and/or local steps. */
export interface Recipe {
  id: string
  name: string
  /** The image model's part; none for a recipe of local steps only. */
  ask?: ModelAsk
  outputFormat: 'png' | 'jpeg' | 'webp'
  /** Local steps on the result (or, without a model, on the photo). */
  after: LocalStep[]
  /** The output is a composite of the photo and machine-made pixels (IPTC DigitalSourceType). */
  aiMade: boolean
}

const KEEP =
  'Keep the product exactly as photographed: its shape, colours, text, labels and details.'

const MODEL_DEFAULTS = {
  model: 'gpt-image-2',
  size: '1024x1024',
  quality: 'medium' as ImageQuality,
  inputFidelity: 'high' as const
}

/** The recipes Photoscribe ships with (a person's own are saved beside templates). */
export const BUILT_IN_RECIPES: readonly Recipe[] = [
  {
    id: 'white-background',
    name: 'White background (Amazon main image)',
    ask: {
      ...MODEL_DEFAULTS,
      prompt: `Place the product alone on a pure white background (RGB 255, 255, 255), centred and filling about 85 % of the frame. No props, text, logos or watermarks. ${KEEP}`,
      background: 'opaque'
    },
    outputFormat: 'jpeg',
    after: [{ step: 'min-size', px: 1000 }],
    aiMade: true
  },
  {
    id: 'transparent',
    name: 'Cut-out (transparent)',
    ask: {
      ...MODEL_DEFAULTS,
      prompt: `Cut the product out on a fully transparent background, with clean edges and no shadow. ${KEEP}`,
      background: 'transparent'
    },
    outputFormat: 'png',
    after: [],
    aiMade: true
  },
  {
    id: 'lifestyle',
    name: 'Lifestyle scene',
    ask: {
      ...MODEL_DEFAULTS,
      prompt: `Show the product in use in a bright, natural lifestyle scene that suits it. ${KEEP}`,
      background: 'opaque'
    },
    outputFormat: 'jpeg',
    after: [],
    aiMade: true
  },
  {
    id: 'shadow',
    name: 'White with a soft shadow',
    ask: {
      ...MODEL_DEFAULTS,
      prompt: `Place the product on a pure white background with a soft, natural contact shadow beneath it, centred. ${KEEP}`,
      background: 'opaque'
    },
    outputFormat: 'jpeg',
    after: [],
    aiMade: true
  },
  {
    id: 'banner-background',
    name: 'Banner background (made from words)',
    ask: {
      ...MODEL_DEFAULTS,
      size: '1536x1024',
      prompt:
        'A wide, softly lit, empty scene that suits {{name}}, for a web banner: no product, no people, no text, calm space on the left for a headline.',
      background: 'opaque',
      inputFidelity: 'low',
      generate: true
    },
    outputFormat: 'jpeg',
    after: [],
    aiMade: true
  },
  {
    id: 'square',
    name: 'Square on white (no model)',
    outputFormat: 'jpeg',
    after: [{ step: 'square', background: '#ffffff' }],
    aiMade: false
  },
  {
    id: 'min-size',
    name: 'Check the minimum size (no model)',
    outputFormat: 'jpeg',
    after: [{ step: 'min-size', px: 1000 }],
    aiMade: false
  },
  {
    id: 'resize',
    name: 'Resize to 2,048 px (Shopify, no model)',
    outputFormat: 'jpeg',
    after: [{ step: 'resize', longSide: 2048 }],
    aiMade: false
  }
]

export function findRecipe(id: string): Recipe | undefined {
  return BUILT_IN_RECIPES.find((recipe) => recipe.id === id)
}

/** What a person changed of a recipe's model ask for one run (the CLI's flags, the window's fields). */
export interface AskChange {
  model?: string
  quality?: ImageQuality
  size?: string
  prompt?: string
}

/** The recipe with a person's changes to its model ask (a recipe of local steps has none). */
export function askedRecipe(base: Recipe, change: AskChange): Recipe {
  if (!base.ask) return base
  const ask = {
    ...base.ask,
    ...(change.model ? { model: change.model } : {}),
    ...(change.quality ? { quality: change.quality } : {}),
    ...(change.size ? { size: change.size } : {}),
    ...(change.prompt ? { prompt: change.prompt } : {})
  }
  return { ...base, ask }
}

/** A generation's prompt for a photo: `{{name}}` filled with the product's name from the file. */
export function promptFor(ask: ModelAsk, fileName: string): string {
  const name = fileName
    .replace(/\.[^.]+$/, '')
    .replace(/[-_]+(front|back|side|top|detail|main|\d+)$/i, '')
    .replace(/[-_]+/g, ' ')
    .trim()
  return ask.prompt.replaceAll('{{name}}', name || 'the product')
}
