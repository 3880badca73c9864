import { describe, expect, it } from 'vitest';
import { NotUTF8Error, readUtf8 } from './files';

describe('readUtf8', () => {
  it('reads UTF-8 text exactly, byte-order mark and all', async () => {
    const text = '\ufeffname\nZoë Ångström\n"Level 3\n12 Queen\'s Rd"\n';
    expect(await readUtf8(new Blob([text]))).toBe(text);
  });

  it('refuses bytes that are not UTF-8 instead of reading them as �', async () => {
    const latin1 = new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x5a, 0x6f, 0xeb, 0x0a]); // "name\nZo\xeb\n"
    const file = Object.assign(new Blob([latin1]), { name: 'contacts.csv' });
    await expect(readUtf8(file)).rejects.toThrow(NotUTF8Error);
    await expect(readUtf8(file)).rejects.toThrow('“contacts.csv” is not UTF-8 text');
  });
});
