/**
 * The CLI speaks English (it is for administrators, like its usage texts and the validation messages
 * it prints); counts are written out in singular or plural: "1 problem", "3 problems".
 */
export const counted = (n: number, one: string, other: string): string => `${n} ${n === 1 ? one : other}`;
