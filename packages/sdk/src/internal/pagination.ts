import type { PageInfo } from "@peak-images/core";

/** Fetches one page by number (undefined: the service's first page, no `pageNumber` sent); filters are bound in. */
export type PageFetcher<TBody> = (pageNumber: number | undefined) => Promise<TBody>;

/**
 * One page of a list: the response itself (its counts and items as the service sent them, so it serialises to
 * exactly that JSON) plus navigation. Iterating a page yields its items and those of every later page.
 */
export class Page<TBody extends PageInfo, TItem> implements AsyncIterable<TItem> {
  readonly #fetch: PageFetcher<TBody>;
  readonly #itemsKey: keyof TBody;

  constructor(body: TBody, itemsKey: keyof TBody, fetch: PageFetcher<TBody>) {
    Object.assign(this, body);
    this.#fetch = fetch;
    this.#itemsKey = itemsKey;
  }

  /** The items of this page. */
  get items(): TItem[] {
    return (this as unknown as TBody)[this.#itemsKey] as TItem[];
  }

  /** Whether a later page exists (the service reports more pages and this one was not empty). */
  hasNextPage(): boolean {
    const { pageNumber, pageCount } = this as unknown as PageInfo;
    return this.items.length > 0 && pageNumber < pageCount;
  }

  /** Fetches the page after this one; throws when there is none (check `hasNextPage()` first). */
  async getNextPage(): Promise<this> {
    if (!this.hasNextPage()) {
      throw new Error("No next page: check hasNextPage() before calling getNextPage()");
    }
    const { pageNumber } = this as unknown as PageInfo;
    const body = await this.#fetch(pageNumber + 1);
    return new (this.constructor as new (...args: unknown[]) => this)(body, this.#itemsKey, this.#fetch);
  }

  /** This page, then every later one. */
  async *pages(): AsyncGenerator<this, void, undefined> {
    let page: this = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  /** Every item of this page and of every later page, fetched one page at a time as the loop advances. */
  async *[Symbol.asyncIterator](): AsyncGenerator<TItem, void, undefined> {
    for await (const page of this.pages()) {
      yield* page.items;
    }
  }
}

/** What a list method returns: a page is a Page and its body fields. */
export type PageOf<TBody extends PageInfo, TItem> = Page<TBody, TItem> & TBody;

/**
 * The value of a list method: await it for one page (`pageNumber`, default 1), or `for await` it for every item
 * from that page on, or call `.pages()` for whole pages. Nothing is requested until it is awaited or iterated,
 * and the first page is requested once whichever way it is used.
 */
export class PagePromise<TBody extends PageInfo, TItem>
  implements PromiseLike<PageOf<TBody, TItem>>, AsyncIterable<TItem>
{
  readonly #fetch: PageFetcher<TBody>;
  readonly #itemsKey: keyof TBody;
  readonly #firstPage: number | undefined;
  #first: Promise<PageOf<TBody, TItem>> | undefined;

  constructor(fetch: PageFetcher<TBody>, itemsKey: keyof TBody, firstPage: number | undefined) {
    this.#fetch = fetch;
    this.#itemsKey = itemsKey;
    this.#firstPage = firstPage;
  }

  #page(): Promise<PageOf<TBody, TItem>> {
    this.#first ??= this.#fetch(this.#firstPage).then(
      (body) => new Page<TBody, TItem>(body, this.#itemsKey, this.#fetch) as PageOf<TBody, TItem>,
    );
    return this.#first;
  }

  /** As `Promise.prototype.then`: being thenable is the point of this class (await gives one page). */
  // biome-ignore lint/suspicious/noThenProperty: a page promise is meant to be awaited.
  then<A = PageOf<TBody, TItem>, B = never>(
    onFulfilled?: ((page: PageOf<TBody, TItem>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#page().then(onFulfilled, onRejected);
  }

  /** As `Promise.prototype.catch`. */
  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<PageOf<TBody, TItem> | B> {
    return this.#page().catch(onRejected);
  }

  /** As `Promise.prototype.finally`. */
  finally(onFinally?: (() => void) | null): Promise<PageOf<TBody, TItem>> {
    return this.#page().finally(onFinally);
  }

  /** Every page from the first one requested, one request per page. */
  async *pages(): AsyncGenerator<PageOf<TBody, TItem>, void, undefined> {
    yield* (await this.#page()).pages();
  }

  /** Every item of every page from the first one requested. */
  async *[Symbol.asyncIterator](): AsyncGenerator<TItem, void, undefined> {
    yield* await this.#page();
  }

  get [Symbol.toStringTag](): string {
    return "PagePromise";
  }
}
