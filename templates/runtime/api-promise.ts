/**
 * The promise every resource method returns: it resolves to the typed success body, and
 * `.withResponse()` gives the same body together with the status, headers and `Response` it came in.
 */
import type { FetchResponse } from 'openapi-fetch';

/**
 * A JSON body of type `T` as openapi-fetch hands it over, which for almost every model is the model
 * itself. A method's signature names `Received<Model>` only where openapi-fetch's typing changes the
 * model: an `allOf` whose members both declare one array property, whose elements it types by one
 * member alone.
 */
export type Received<T> = NonNullable<FetchResponse<{ responses: { 200: { content: { 'application/json': T } } } }, object, 'application/json'>['data']>;

/** A success body with the response that carried it. */
export interface WithResponse<T> {
  /** The typed success body, as the method itself resolves to. */
  data: T;
  /** The HTTP status code. */
  status: number;
  /** The response headers (rate-limit counters, `Location`, request ids, `Link`, …). */
  headers: Headers;
  /** The response itself; its body has already been read into `data`. */
  response: Response;
}

/** What a call settles to inside the client: the client's own `{ data, response }` result, reused as it is. */
export interface CallResult<T> {
  data?: T;
  response: Response;
}

// Module-level, so building a promise allocates no closure.
const settleAtOnce = (resolve: (value: never) => void): void => resolve(undefined as never);
const dataOf = <T>(result: CallResult<T>): T => result.data as T;
const withResponseOf = <T>(result: CallResult<T>): WithResponse<T> => ({
  data: result.data as T,
  status: result.response.status,
  headers: result.response.headers,
  response: result.response,
});

/**
 * A `Promise` of the success body with one more method, `.withResponse()`. Awaiting it (or calling
 * `then`, `catch`, `finally`) reads the body; `.withResponse()` reads the body and the response. The
 * call is made once, whichever is used, and as often as either is.
 */
export class ApiPromise<T> extends Promise<T> {
  // `then`, `catch` and `finally` derive plain promises: a derived promise is not a call.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #result: Promise<CallResult<T>>;

  /** @internal */
  constructor(result: Promise<CallResult<T>>) {
    // The base promise settles to nothing and is never observed: `then` reads `#result`, so a
    // rejection surfaces only where the caller looks (the body or `.withResponse()`), never twice.
    super(settleAtOnce);
    this.#result = result;
  }

  /** The body with the status, headers and `Response` it came in. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#result.then(withResponseOf);
  }

  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    // One promise per `then`, straight from the result: an `await` of a call costs no more promises
    // than awaiting a plain one would.
    if (typeof onfulfilled !== 'function') return this.#result.then(dataOf, onrejected) as Promise<R1 | R2>;
    return this.#result.then((result) => onfulfilled(result.data as T), onrejected);
  }
}
