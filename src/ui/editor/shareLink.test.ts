import lz from 'lz-string';
import { describe, expect, it } from 'vitest';
import { serializeDocument } from '../../core/export/document';
import { lzBomb } from '../../core/export/lzBomb';
import { SCENES } from '../../core/topology/scenes';
import { readShareHash, textFromHash } from './shareLink';

describe('opening a share link', () => {
  it('opens an honest link', () => {
    const text = serializeDocument('staging', SCENES.staging.topology, false);
    const read = readShareHash(`#doc=${lz.compressToEncodedURIComponent(text)}`, 'production');
    expect(read.ok && read.document.scene).toBe('staging');
  });

  it('refuses a decompression bomb with its reason, without inflating it', () => {
    const hash = `#doc=${lzBomb(60_000)}`;
    expect(textFromHash(hash)).toBeNull();
    expect(readShareHash(hash, 'production')).toEqual({ ok: false, error: { code: 'link-too-large' } });
  });

  it('refuses a link longer than the cap before decoding it', () => {
    const hash = `#doc=${'A'.repeat(200_001)}`;
    expect(readShareHash(hash, 'production')).toEqual({
      ok: false,
      error: { code: 'link-too-long', max: 200_000 },
    });
  });
});
