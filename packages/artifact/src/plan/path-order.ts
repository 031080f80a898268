/** Orders strings by Unicode code point (JS `<` compares UTF-16 units, which misorders astral characters). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      // A surrogate stands for a code point above U+FFFF, so it sorts after every other BMP unit.
      if (xs !== ys) {
        return xs ? 1 : -1;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}
