/**
 * Share links: the document, compressed with lz-string, in the URL hash (`#doc=…`), so it
 * never reaches a server log. Loaded only when a link is made or opened.
 *
 * Reading one is bounded twice: the encoded length, then the unpacked size, checked while
 * unpacking (core/export/shareCodec.ts) so a decompression bomb stops early.
 */
import { compressToEncodedURIComponent } from 'lz-string';
import { parseDocument, serializeDocument, type ParseResult } from '../../core/export/document';
import { inflateBounded, LINK_LIMITS } from '../../core/export/shareCodec';
import type { SceneId, Topology } from '../../core/topology/types';

export const HASH_PREFIX = '#doc=';

/** The link for a scene's document; null when it would be longer than a link may be. */
export function shareUrl(scene: SceneId, topology: Topology, lang: string): string | null {
  const packed = compressToEncodedURIComponent(serializeDocument(scene, topology, false));
  if (packed.length > LINK_LIMITS.maxEncoded) return null;
  const url = new URL(window.location.href);
  url.search = '';
  url.searchParams.set('scene', scene);
  url.searchParams.set('lang', lang);
  url.hash = `doc=${packed}`;
  return url.href;
}

/** The document a `#doc=` hash carries, or the reason it cannot be opened. Never throws. */
export function readShareHash(hash: string, fallbackScene: SceneId): ParseResult {
  if (!hash.startsWith(HASH_PREFIX)) return { ok: false, error: { code: 'link-broken' } };
  const packed = hash.slice(HASH_PREFIX.length);
  if (packed.length > LINK_LIMITS.maxEncoded)
    return { ok: false, error: { code: 'link-too-long', max: LINK_LIMITS.maxEncoded } };
  const inflated = inflateBounded(packed, LINK_LIMITS.maxText);
  if (!inflated.ok)
    return {
      ok: false,
      error: { code: inflated.reason === 'too-large' ? 'link-too-large' : 'link-broken' },
    };
  return parseDocument(inflated.text, fallbackScene);
}

/** The document text a hash carries; null when the hash is not a share link or does not decode. */
export function textFromHash(hash: string): string | null {
  if (!hash.startsWith(HASH_PREFIX)) return null;
  const packed = hash.slice(HASH_PREFIX.length);
  if (packed.length > LINK_LIMITS.maxEncoded) return null;
  const inflated = inflateBounded(packed, LINK_LIMITS.maxText);
  return inflated.ok ? inflated.text : null;
}
