// POST /api/files with upload progress: fetch cannot report it, XMLHttpRequest can.
import { noteAuthError, readToken } from './access-token.ts';

export type UploadOutcome = { ok: true; id: string; name: string } | { ok: false; message: string };

/** Without `businessId` the file goes to the default business. */
export function uploadFile(file: File, onProgress: (fraction: number) => void, businessId?: string): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/files');
    const token = readToken();
    if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      let body: { id?: string; name?: string; error?: { message?: string; data?: { code?: string } } } = {};
      try {
        body = JSON.parse(request.responseText) as typeof body;
      } catch {
        // An answer that is not ours (a proxy's error page): the status says enough.
      }
      if (request.status === 401) noteAuthError({ data: { code: 'UNAUTHORIZED' } });
      if (request.status >= 200 && request.status < 300 && body.id)
        resolve({ ok: true, id: body.id, name: body.name ?? file.name });
      else resolve({ ok: false, message: body.error?.message ?? `The upload failed (HTTP ${request.status}).` });
    };
    request.onerror = () => resolve({ ok: false, message: 'Switchboard cannot be reached: the file was not uploaded.' });
    const form = new FormData();
    if (businessId) form.append('businessId', businessId);
    form.append('file', file, file.name);
    request.send(form);
  });
}
