/** A class whose prototype holds methods to lend (a domain client). */
export interface MethodSource {
  readonly name: string;
  readonly prototype: object;
}

/** The methods a class defines itself (its prototype's own names, `constructor` excluded). */
export function ownMethodNames(source: MethodSource): string[] {
  return Object.getOwnPropertyNames(source.prototype).filter((name) => name !== 'constructor');
}

/** Every name reachable on a prototype chain, down to (not including) `Object.prototype`, with its owner. */
function chainNames(prototype: object): Map<string, string> {
  const names = new Map<string, string>();
  let current: object | null = prototype;
  while (current !== null && current !== Object.prototype) {
    const owner = (current.constructor as { name?: string } | undefined)?.name ?? 'a base class';
    // The nearest definition owns a name (an override hides what it overrides).
    for (const name of Object.getOwnPropertyNames(current)) if (!names.has(name)) names.set(name, owner);
    current = Object.getPrototypeOf(current);
  }
  return names;
}

/**
 * Whether a class declares or reads `#private` members (by its source text: nothing else can see them). Its
 * methods, lent to another class, would throw on the first `this.#…` of an instance that never had them.
 */
function usesPrivateMembers(source: MethodSource): boolean {
  return /(?:\bthis\.#|^\s*(?:static\s+)?#)[\w$]/m.test(Function.prototype.toString.call(source));
}

/**
 * Defines each source's own methods on `target.prototype`, once, as the same function objects (nothing is
 * re-implemented). A name the target already has, or that two sources share, is an error: a silent override
 * would call the wrong endpoint. So is a source with `#private` members, which only its own instances have.
 */
export function installMethods(target: MethodSource, sources: readonly MethodSource[]): void {
  const taken = chainNames(target.prototype);
  for (const source of sources) {
    if (usesPrivateMembers(source)) {
      throw new TypeError(
        `${source.name} keeps #private members, which ${target.name}'s methods could not reach`,
      );
    }
    for (const name of ownMethodNames(source)) {
      const owner = taken.get(name);
      if (owner !== undefined) {
        throw new TypeError(`${source.name}.${name} collides with ${owner}.${name}`);
      }
      // An own name always has a descriptor.
      const descriptor = Object.getOwnPropertyDescriptor(source.prototype, name) as PropertyDescriptor;
      Object.defineProperty(target.prototype, name, descriptor);
      taken.set(name, source.name);
    }
  }
}
