/**
 * A response whose body is already in memory. The transport reads every body inside its attempt, so
 * the timeout covers a slow body and a connection lost mid-body can be retried; it then hands
 * the client (http-client.ts) this instead of a new `Response` over the bytes, because building a body stream costs
 * more per call than the rest of the client's own work together. It is a real `Response` (middleware
 * may test `instanceof`, read it or clone it), with the status, headers and URL of the one received.
 */
// One decoder for every response: decoding without `stream` keeps no state, and making one per call costs more than the decoding.
const utf8 = new TextDecoder();

export class BufferedResponse extends Response {
  readonly #source: Response;
  readonly #bytes: ArrayBuffer;
  #used = false;
  #stream: Response['body'] | undefined;

  constructor(source: Response, bytes: ArrayBuffer) {
    // fetch hands on any status a server sends (999 too), but a Response made here must be 200–599:
    // it is made with one of those, and the received status is read through.
    super(null, { status: source.status >= 200 && source.status <= 599 ? source.status : 599, statusText: source.statusText });
    this.#source = source;
    this.#bytes = bytes;
  }

  override get status(): number {
    return this.#source.status;
  }

  override get ok(): boolean {
    return this.#source.ok;
  }

  // The received headers themselves, not a copy: read-only, as a fetched response's are.
  override get headers(): Headers {
    return this.#source.headers;
  }

  override get url(): string {
    return this.#source.url;
  }

  override get redirected(): boolean {
    return this.#source.redirected;
  }

  override get type(): ResponseType {
    return this.#source.type;
  }

  override get body(): Response['body'] {
    if (this.#stream === undefined) this.#stream = this.#empty() ? null : new Response(this.#bytes).body;
    return this.#stream;
  }

  override get bodyUsed(): boolean {
    return this.#used || (this.#stream?.locked ?? false);
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.#consume(() => this.#bytes.slice(0));
  }

  override text(): Promise<string> {
    return this.#consume(() => utf8.decode(this.#bytes));
  }

  override json(): Promise<unknown> {
    return this.#consume(() => JSON.parse(utf8.decode(this.#bytes)) as unknown);
  }

  override blob(): Promise<Blob> {
    const type = this.headers.get('content-type') ?? '';
    return this.#consume(() => new Blob([this.#bytes], { type }));
  }

  override formData(): Promise<FormData> {
    return this.#consume(() => undefined).then(() => new Response(this.#bytes, { headers: this.headers }).formData());
  }

  override clone(): Response {
    if (this.bodyUsed) throw new TypeError('Response.clone: the body has already been read');
    return new BufferedResponse(this.#source, this.#bytes);
  }

  #empty(): boolean {
    return this.#bytes.byteLength === 0 && (this.status === 204 || this.status === 205 || this.status === 304);
  }

  // Read once, as a fetched body is; a failed parse rejects like Response.json() does.
  #consume<T>(read: () => T): Promise<T> {
    if (this.bodyUsed) return Promise.reject(new TypeError('the body has already been read'));
    this.#used = true;
    try {
      return Promise.resolve(read());
    } catch (err) {
      return Promise.reject(err);
    }
  }
}
