/** Characters that can end a text run or an attribute value, and the entities that neutralise them. */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for use both between tags and inside a double- or single-quoted attribute value.
 * One function for both places so no caller has to choose (and choose wrong); the entities are XML's
 * too, so feeds and the sitemap use it as well.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
