// Raw HTTP calls to the tRPC endpoint, as curl or a non-TypeScript client would make them.
export type TrpcResult<T = unknown> =
  | { status: number; data: T; error?: undefined }
  | { status: number; data?: undefined; error: { message: string; data: { code: string; httpStatus: number; turnId?: string } } };

export async function mutate<T>(base: string, path: string, input: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/api/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof input === 'string' ? input : JSON.stringify(input),
  });
  return parse<T>(response);
}

export async function query<T>(base: string, path: string, input?: unknown, headers: Record<string, string> = {}) {
  const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return parse<T>(await fetch(`${base}/api/trpc/${path}${qs}`, { headers }));
}

async function parse<T>(response: Response): Promise<TrpcResult<T>> {
  const body = (await response.json()) as { result?: { data: T }; error?: TrpcResult['error'] };
  if (body.error) return { status: response.status, error: body.error };
  return { status: response.status, data: body.result!.data };
}
