// POST /api/files as a browser form or curl -F would send it.
export type UploadAnswer = {
  status: number;
  body: Record<string, unknown> & { error?: { message: string; data: { code: string } } };
};

export async function uploadFile(
  base: string,
  file: { name: string; content: Buffer | string; type?: string },
  options: { headers?: Record<string, string>; fields?: Record<string, string> } = {},
): Promise<UploadAnswer> {
  const form = new FormData();
  for (const [name, value] of Object.entries(options.fields ?? {})) form.append(name, value);
  form.append(
    'file',
    new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)], {
      type: file.type ?? 'application/octet-stream',
    }),
    file.name,
  );
  const response = await fetch(`${base}/api/files`, { method: 'POST', body: form, headers: options.headers });
  return { status: response.status, body: (await response.json()) as UploadAnswer['body'] };
}
