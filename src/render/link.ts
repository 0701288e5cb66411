/** Only web links become clickable: evidence may carry `javascript:` or other schemes. */
export function safeLink(url: string | null | undefined): string | null {
  if (!url) return null;
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) || /^(docs\/|\.\.?\/)[\w.#-][\w./#-]*$/.test(url) ? url : null;
}
