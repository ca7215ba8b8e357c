// CIDR blocks as the API server reads a NetworkPolicy ipBlock: a valid network, and `except` blocks strictly
// inside it.

interface Block {
  family: 4 | 6;
  bits: bigint;
  prefix: number;
}

export function parseCidr(text: string): Block | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = text.slice(0, slash);
  // decimal digits only, as Go's ParseCIDR reads the length: Number() would also take "", " 8", "0x8", "8.0" and "1e1"
  const digits = text.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(digits)) return undefined;
  const prefix = Number(digits);
  const v4 = parseIPv4(address);
  const block =
    v4 !== undefined ? { family: 4 as const, bits: v4 } : parseIPv6(address) !== undefined ? { family: 6 as const, bits: parseIPv6(address)! } : undefined;
  if (!block || !Number.isInteger(prefix) || prefix < 0 || prefix > (block.family === 4 ? 32 : 128)) return undefined;
  return { ...block, prefix };
}

export const isCidr = (text: string): boolean => parseCidr(text) !== undefined;

/** True when `inner` lies strictly inside `outer` (the API server's rule for ipBlock.except). */
export function strictlyInside(inner: string, outer: string): boolean {
  const a = parseCidr(inner);
  const b = parseCidr(outer);
  if (!a || !b || a.family !== b.family || a.prefix <= b.prefix) return false;
  const width = BigInt(a.family === 4 ? 32 : 128);
  const shift = width - BigInt(b.prefix);
  return a.bits >> shift === b.bits >> shift;
}

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^[0-9]{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((sum, p) => (sum << 8n) | BigInt(Number(p)), 0n);
}

function parseIPv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  if (groups.flat().some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const missing = 8 - groups.flat().length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = halves.length === 1 ? groups[0]! : [...groups[0]!, ...Array<string>(missing).fill('0'), ...groups[1]!];
  return all.reduce((sum, g) => (sum << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}
