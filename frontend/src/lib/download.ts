import { buildUrl, parseProblem, refreshSession, type QueryParams } from './api-client';
import { getAccessToken } from './auth-tokens';
import { getConsistencyPosition } from './consistency';

async function fetchWithToken(url: string, accept: string): Promise<Response> {
  const send = () => {
    const headers: Record<string, string> = { Accept: accept };
    const token = getAccessToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    const position = getConsistencyPosition();
    if (position !== null) headers['X-Consistent-With'] = String(position);
    return fetch(url, { headers });
  };
  const response = await send();
  if (response.status !== 401 || getAccessToken() === null) return response;
  return (await refreshSession()) === 'refreshed' ? send() : response;
}

/**
 * Downloads a protected file (a CSV export) with the tab's bearer token: a bare link would go
 * without it. The bytes are kept as they come (a UTF-8 BOM included, which `response.text()`
 * would drop and which spreadsheet apps need to read the accents right).
 */
export async function downloadFile(
  path: string,
  filename: string,
  params?: QueryParams,
  accept = 'text/csv',
): Promise<void> {
  const response = await fetchWithToken(buildUrl(path, params), accept);
  if (!response.ok) throw await parseProblem(response);
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // After the click the browser holds its own reference; revoking later keeps Safari happy.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
