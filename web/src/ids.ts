// Client-side checks of identifiers, so that a typing error is told at once; the server checks
// again (GET /api/v1/ids/check gives the full rules).

// Full-width letters and digits to half width, spaces out, upper case.
export function normaliseCode(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toUpperCase();
}

// 18 characters of the 统一社会信用代码 alphabet (the check character is left to the server).
export function looksLikeUscc(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code);
}

// 居民身份证号: 17 digits and the ISO 7064 MOD 11-2 check character (GB 11643).
export function citizenIdProblem(id: string): string | null {
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return '身份证号应为18位，由17位数字和1位数字或X组成';
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * weights[i];
  const expected = '10X98765432'[sum % 11];
  if (id[17] !== expected) return '身份证号校验码不正确，请核对后重新输入';
  return null;
}
