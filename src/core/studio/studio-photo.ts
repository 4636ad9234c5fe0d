/** A photo to make an image of: where it is, and its path below the folder it was chosen in. */
export interface StudioPhoto {
  path: string
  relative: string
  /**
   * The same product's other photos, sent with this one (the lead) as references: one image of
   * the product, named after the lead. The edits endpoint takes 16 photos at most.
   */
  also?: readonly string[]
  /** A PNG whose transparent pixels say where the model may change the photo (`<name>.mask.png`). */
  mask?: string
}
