/**
 * `attachment; filename="____.pdf"; filename*=UTF-8''%E6%8E%88%E6%9D%83.pdf`: an ASCII
 * stand-in for old clients, and the real name by RFC 5987 for the rest.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
