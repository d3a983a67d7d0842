// An address an <img> or download link can use for a stored file. Without a token that is the
// file's own URL (the browser caches and lazy-loads it); with one, an <img> cannot send the
// Authorization header, so the file is fetched with it and shown from an object URL. The token
// never goes into a URL or a cookie.
import { useEffect, useState } from 'react';
import { readToken } from '../access-token.ts';

export type FileSource = { src: string | null; failed: boolean };

export function useFileUrl(url: string): FileSource {
  const token = readToken();
  const [state, setState] = useState<FileSource>({ src: token ? null : url, failed: false });
  useEffect(() => {
    if (!token) return void setState({ src: url, failed: false });
    let objectUrl: string | null = null;
    let live = true;
    fetch(url, { headers: { authorization: `Bearer ${token}` } })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        objectUrl = URL.createObjectURL(await response.blob());
        if (live) setState({ src: objectUrl, failed: false });
      })
      .catch(() => live && setState({ src: null, failed: true }));
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url, token]);
  return state;
}
