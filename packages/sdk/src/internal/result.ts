import { InvalidResponseError } from "@peak-images/core";

/**
 * The data of a core call. Core throws on every non-2xx answer and on a 2xx without JSON, so data is always there;
 * a 204 (which this API never sends) would be the one way to get none, and it fails typed rather than as undefined.
 */
export function dataOf<T>(result: { data?: T; response: Response }): T {
  if (result.data === undefined) {
    const { response } = result;
    throw new InvalidResponseError({
      status: response.status,
      body: undefined,
      headers: response.headers,
      method: "",
      url: response.url,
      message: `${response.url} answered ${response.status} without a body`,
    });
  }
  return result.data;
}
