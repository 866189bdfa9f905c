export interface GraphqlBody<TData> {
  data?: TData | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** One GraphQL request over HTTP, for setup and checks; a failure throws with the API's answer. */
export async function graphql<TData>(
  apiUrl: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<TData> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as GraphqlBody<TData>;
  if (response.status !== 200 || body.errors?.length || !body.data) {
    throw new Error(`GraphQL request failed (HTTP ${response.status}): ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

/** What a load's response says went wrong, or undefined when it succeeded. */
export function failureOf(status: number, body: string): string | undefined {
  if (status !== 200) return `HTTP ${status}`;
  try {
    const parsed = JSON.parse(body) as GraphqlBody<unknown>;
    const error = parsed.errors?.[0];
    if (error) return error.extensions?.code ?? error.message;
    return parsed.data ? undefined : 'no data';
  } catch {
    return 'not JSON';
  }
}
