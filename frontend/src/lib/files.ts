// Files the user picks or saves, without a server in between: the same in
// the desktop window and in a browser.
import { ApiError } from './api';

/** NotUTF8Error: a file's bytes are not UTF-8 text. It is an ApiError
 * (code 'invalid'), so errorText shows it like any refusal from Go. */
export class NotUTF8Error extends ApiError {
  constructor(name: string) {
    super('invalid', `“${name}” is not UTF-8 text. In the spreadsheet, save it as “CSV UTF-8” and import that file.`);
    this.name = 'NotUTF8Error';
  }
}

/** readUtf8 returns a file's text. Bytes that are not UTF-8 (a file saved
 * in an older encoding) are refused with NotUTF8Error rather than read as
 * “�”, which would be stored in names without anyone noticing. A leading
 * byte-order mark is kept: Go's reader skips it. */
export async function readUtf8(file: Blob & { name?: string }): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new NotUTF8Error(file.name ?? 'The file');
  }
}

/** downloadText saves text as a file named name, the way a browser saves a
 * download. */
export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Some engines read the URL after click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
