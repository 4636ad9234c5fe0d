/** Shown when the page runs without the preload (opened in a browser, or the preload failed). */
export function MissingBridge(): React.JSX.Element {
  return (
    <main className="fatal" role="alert">
      <h1>Photoscribe can’t reach its engine</h1>
      <p>
        This window was opened without Photoscribe’s secure bridge, so it cannot read photos or talk
        to OpenAI. Start the app with <code>npm run dev</code> or the installed Photoscribe, not by
        opening the page in a browser.
      </p>
    </main>
  )
}
