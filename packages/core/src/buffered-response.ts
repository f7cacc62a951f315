const utf8 = new TextDecoder();

/**
 * A `Response` whose body arrived with its headers and is held as bytes. Building a standard Response over bytes
 * builds a web stream for them, and reading its text reads that stream: together most of a small call's cost on
 * Node. This one is a real `Response` (made with no body, so `instanceof` holds) that answers `text()` and the
 * other readers from the bytes, builds the stream only for a caller that asks for `body`, and its `Headers` only for
 * one that asks for `headers`. Once read either way, the body is used, as in any Response.
 */
export class BufferedResponse extends Response {
  readonly #bytes: Uint8Array<ArrayBuffer>;
  readonly #headersInit: HeadersInit | undefined;
  #headers: Headers | undefined;
  #stream: ReadableStream<Uint8Array<ArrayBuffer>> | undefined;
  #used = false;

  constructor(bytes: Uint8Array<ArrayBuffer>, { headers, ...init }: ResponseInit) {
    super(null, init);
    this.#bytes = bytes;
    this.#headersInit = headers;
  }

  override get headers(): Headers {
    this.#headers ??= new Headers(this.#headersInit);
    return this.#headers;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> {
    if (this.#stream === undefined) {
      const bytes = this.#bytes;
      // A byte stream, as the platform's bodies are (a BYOB reader works); filled only when read, which uses the
      // body (the bytes go to the reader).
      this.#stream = new ReadableStream(
        {
          type: 'bytes',
          pull: (controller) => {
            this.#used = true;
            if (bytes.byteLength > 0) controller.enqueue(bytes);
            controller.close();
          },
        },
        { highWaterMark: 0 },
      );
    }
    return this.#stream;
  }

  override get bodyUsed(): boolean {
    return this.#used || (this.#stream?.locked ?? false);
  }

  override async text(): Promise<string> {
    return utf8.decode(this.#take());
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    return copy(this.#take()).buffer as ArrayBuffer;
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return copy(this.#take());
  }

  override async blob(): Promise<Blob> {
    return new Blob([copy(this.#take())], { type: this.headers.get('content-type') ?? '' });
  }

  override async formData(): Promise<FormData> {
    return this.#standard(this.#take()).formData();
  }

  override clone(): Response {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    return new BufferedResponse(this.#bytes, this.#init());
  }

  /** The bytes, once: a second read fails as it does on any Response. */
  #take(): Uint8Array<ArrayBuffer> {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    // A stream handed out but never read is spent with the body, as the platform's would be.
    this.#stream?.cancel().catch(() => undefined);
    return this.#bytes;
  }

  #init(): ResponseInit {
    return { status: this.status, statusText: this.statusText, headers: this.headers };
  }

  #standard(bytes: Uint8Array): Response {
    return new Response(copy(bytes), this.#init());
  }
}

function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes) as Uint8Array<ArrayBuffer>;
}
