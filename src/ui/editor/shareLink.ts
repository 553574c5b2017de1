/**
 * Share links: the document, compressed with lz-string, in the URL hash (`#doc=…`), so it
 * never reaches a server log. Loaded only when a link is made or opened.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { serializeDocument } from '../../core/export/document';
import type { SceneId, Topology } from '../../core/topology/types';

export const HASH_PREFIX = '#doc=';

export function shareUrl(scene: SceneId, topology: Topology, lang: string): string {
  const url = new URL(window.location.href);
  url.search = '';
  url.searchParams.set('scene', scene);
  url.searchParams.set('lang', lang);
  url.hash = `doc=${compressToEncodedURIComponent(serializeDocument(scene, topology, false))}`;
  return url.href;
}

/** The document text a hash carries; null when the hash is not a share link or does not decode. */
export function textFromHash(hash: string): string | null {
  if (!hash.startsWith(HASH_PREFIX)) return null;
  const packed = hash.slice(HASH_PREFIX.length);
  if (packed.length === 0 || packed.length > 2_000_000) return null;
  try {
    const text = decompressFromEncodedURIComponent(packed);
    return text ? text : null;
  } catch {
    return null;
  }
}
