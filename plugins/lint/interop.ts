/** A CommonJS module's export seen through ESM interop: under some loaders it is on `.default`. */
export function interopDefault<T>(mod: T): T {
  return (mod as T & { default?: T }).default ?? mod;
}
