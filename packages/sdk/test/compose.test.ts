import { describe, expect, it } from 'vitest';
import { installMethods, ownMethodNames } from '../src/compose.js';

// Kept apart from the tests that load BackendClient: composing it runs at import time, so a broken
// installMethods fails that whole file before any of its tests could say so.
describe('installMethods', () => {
  class Base {
    ping(): string {
      return 'base';
    }
  }
  class First {
    alpha(): string {
      return 'first';
    }
  }
  class Second {
    alpha(): string {
      return 'second';
    }
  }
  class Shadow {
    ping(): string {
      return 'shadow';
    }
  }

  it('refuses two sources with the same method name', () => {
    class Target extends Base {}
    expect(() => installMethods(Target, [First, Second])).toThrow('Second.alpha collides with First.alpha');
  });

  it('refuses a source that would shadow an inherited method', () => {
    class Target extends Base {}
    expect(() => installMethods(Target, [Shadow])).toThrow('Shadow.ping collides with Base.ping');
  });

  it.each([
    [
      'a #private field',
      class Counter {
        #count = 0;
        next(): number {
          this.#count += 1;
          return this.#count;
        }
      },
    ],
    [
      'a #private method',
      class Helper {
        run(): string {
          return this.#helper();
        }
        #helper(): string {
          return 'x';
        }
      },
    ],
    [
      'a static #private field',
      class Registry {
        static #items: string[] = [];
        add(item: string): void {
          Registry.#items.push(item);
        }
      },
    ],
  ])('refuses a source with %s before lending any of its methods', (_, source) => {
    class Target extends Base {}
    expect(() => installMethods(Target, [First, source])).toThrow(
      `${source.name} keeps #private members, which Target's methods could not reach`,
    );
    expect(Object.getOwnPropertyNames(Target.prototype)).toEqual(['constructor', 'alpha']);
  });

  it('a # in a string or a pattern is no private member', () => {
    class Target extends Base {}
    class Links {
      anchor(): string {
        return `page#top ${/[?#]/.source}`;
      }
    }
    installMethods(Target, [Links]);
    expect(new Target()).toHaveProperty('anchor', Links.prototype.anchor);
  });

  it('installs the very same functions, non-enumerable like class methods', () => {
    class Target extends Base {}
    installMethods(Target, [First]);
    expect(Target.prototype).toHaveProperty('alpha', First.prototype.alpha);
    expect(Object.keys(Target.prototype)).toEqual([]);
    expect(Object.getOwnPropertyDescriptor(Target.prototype, 'alpha')).toMatchObject({
      enumerable: false,
      writable: true,
      configurable: true,
    });
  });
});

describe('ownMethodNames', () => {
  it("lists a class's own methods, not the constructor nor inherited ones", () => {
    class Base {
      inherited(): void {}
    }
    class Own extends Base {
      first(): void {}
      get second(): number {
        return 2;
      }
    }
    expect(ownMethodNames(Own)).toEqual(['first', 'second']);
  });
});

describe('installMethods: who owns a name', () => {
  it('names the earlier source a third one collides with', () => {
    class Target {}
    class A {
      a(): void {}
    }
    class B {
      b(): void {}
    }
    class C {
      a(): void {}
    }
    expect(() => installMethods(Target, [A, B, C])).toThrow('C.a collides with A.a');
  });

  it('names the class in the chain that defines the clashing member, deepest first found', () => {
    class Grand {
      deep(): void {}
    }
    class Parent extends Grand {
      mid(): void {}
    }
    class Target extends Parent {}
    class Deep {
      deep(): void {}
    }
    class Mid {
      mid(): void {}
    }
    expect(() => installMethods(Target, [Deep])).toThrow('Deep.deep collides with Grand.deep');
    expect(() => installMethods(Target, [Mid])).toThrow('Mid.mid collides with Parent.mid');
  });

  it('an override is owned by the class that overrides', () => {
    class Grand {
      run(): number {
        return 1;
      }
    }
    class Parent extends Grand {
      override run(): number {
        return 2;
      }
    }
    class Target extends Parent {}
    class Runner {
      run(): number {
        return 3;
      }
    }
    expect(() => installMethods(Target, [Runner])).toThrow('Runner.run collides with Parent.run');
  });

  it('a target whose prototype chain ends in null is fine', () => {
    class Source {
      only(): string {
        return 'ok';
      }
    }
    const Target = { name: 'Target', prototype: Object.create(null) as object };
    installMethods(Target, [Source]);
    expect((Target.prototype as { only(): string }).only()).toBe('ok');
  });

  it("a prototype without a named constructor is 'a base class'; Object.prototype's names are free", () => {
    const anonymous = Object.create(Object.prototype, { legacy: { value: () => 1 } });
    const Target = { name: 'Target', prototype: Object.create(anonymous) };
    Object.defineProperty(anonymous, 'constructor', { value: undefined });
    class Legacy {
      legacy(): void {}
    }
    expect(() => installMethods(Target, [Legacy])).toThrow('Legacy.legacy collides with a base class.legacy');
    class Stringy {
      toString(): string {
        return 'mine';
      }
      hasOwnProperty(): boolean {
        return true;
      }
    }
    const Free = { name: 'Free', prototype: {} };
    installMethods(Free, [Stringy]);
    expect(String(Object.create(Free.prototype))).toBe('mine');
  });

  it("keeps the target's own constructor, and copies accessors as they are", () => {
    class Target {}
    class Source {
      get size(): number {
        return 3;
      }
    }
    installMethods(Target, [Source]);
    expect(Target.prototype.constructor).toBe(Target);
    expect(Object.getOwnPropertyDescriptor(Target.prototype, 'size')?.get).toBe(
      Object.getOwnPropertyDescriptor(Source.prototype, 'size')?.get,
    );
    expect((new Target() as { size?: number }).size).toBe(3);
  });
});
