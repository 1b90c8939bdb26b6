/**
 * The group lengths a citizen service number is written in ("123 456 782", "1234.56.782",
 * "12-345-6782", "123-45-6782", one digit at a time), also inside a longer run of numbers.
 */
export const BSN_SHAPES: readonly string[] = ['9', '3-3-3', '4-2-3', '2-3-4', '3-2-4', '1-1-1-1-1-1-1-1-1'];
