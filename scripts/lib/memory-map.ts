import fs from 'node:fs';

/**
 * Where a process's resident memory is, read from /proc/PID/smaps (Linux): what is mapped from files (Node,
 * its libraries, SQLite's files), the main thread's malloc heap ([heap]), the malloc arenas of other threads
 * (64 MiB reservations), V8's heap (anonymous mappings in V8's page sizes) and the rest. A measuring aid
 * (scripts/measure-memory.ts --breakdown), not exact: V8 and malloc both map anonymous memory, told apart by
 * the shape of the mapping.
 */

export interface MemoryMap {
  fileMiB: number;
  filePrivateMiB: number;
  mallocMainMiB: number;
  mallocArenasMiB: number;
  mallocArenaCount: number;
  anonOtherMiB: number;
  stackMiB: number;
  /** The other anonymous memory by mapping size: V8 maps its heap in 256 KiB pages, malloc large blocks alone. */
  anonBySize: Record<string, number>;
  largestFiles: Array<{ file: string; rssMiB: number }>;
}

interface Mapping {
  start: bigint;
  end: bigint;
  perms: string;
  name: string;
  rssKiB: number;
  privateKiB: number;
}

const ARENA_BYTES = 64n * 1024n * 1024n;

function mappings(pid: number): Mapping[] {
  const text = fs.readFileSync(`/proc/${pid}/smaps`, 'utf8');
  const result: Mapping[] = [];
  let current: Mapping | undefined;
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (head) {
      const [, start = '0', end = '0', perms = '', name = ''] = head;
      current = { start: BigInt(`0x${start}`), end: BigInt(`0x${end}`), perms, name: name.trim(), rssKiB: 0, privateKiB: 0 };
      result.push(current);
      continue;
    }
    const field = /^(Rss|Private_Clean|Private_Dirty):\s+(\d+) kB/.exec(line);
    if (field && current) {
      const [, kind, kib] = field;
      if (kind === 'Rss') current.rssKiB = Number(kib);
      else current.privateKiB += Number(kib);
    }
  }
  return result;
}

export function memoryMap(pid: number): MemoryMap {
  const all = mappings(pid);
  const mib = (kib: number) => kib / 1024;
  let file = 0;
  let filePrivate = 0;
  let mallocMain = 0;
  let arenas = 0;
  let stack = 0;
  let other = 0;
  const arenaStarts = new Set<bigint>();
  const anonBySize: Record<string, number> = {};
  const countOther = (m: Mapping) => {
    other += m.rssKiB;
    if (m.rssKiB === 0) return;
    const kib = Number((m.end - m.start) / 1024n);
    const bucket = kib < 256 ? 'under 256K' : kib === 256 ? '256K' : kib < 1024 ? '256K-1M' : kib < 16 * 1024 ? '1-16M' : '16M+';
    anonBySize[bucket] = (anonBySize[bucket] ?? 0) + m.rssKiB / 1024;
  };
  const byFile = new Map<string, number>();
  for (const m of all) {
    if (m.name.startsWith('/')) {
      file += m.rssKiB;
      filePrivate += m.privateKiB;
      byFile.set(m.name, (byFile.get(m.name) ?? 0) + m.rssKiB);
    } else if (m.name === '[heap]') mallocMain += m.rssKiB;
    else if (m.name.startsWith('[stack')) stack += m.rssKiB;
    else if (m.name === '' && m.start % ARENA_BYTES === 0n && m.perms.startsWith('rw')) {
      // glibc puts each thread arena at a 64 MiB-aligned reservation, its used part read-write first.
      const next = all.find((n) => n.start === m.end);
      const reserved = m.end - m.start + (next && next.perms === '---p' && next.name === '' ? next.end - next.start : 0n);
      if (reserved === ARENA_BYTES) {
        arenas += m.rssKiB;
        arenaStarts.add(m.start);
      } else countOther(m);
    } else countOther(m);
  }
  const largestFiles = [...byFile.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name, kib]) => ({ file: name, rssMiB: mib(kib) }));
  return {
    fileMiB: mib(file),
    filePrivateMiB: mib(filePrivate),
    mallocMainMiB: mib(mallocMain),
    mallocArenasMiB: mib(arenas),
    mallocArenaCount: arenaStarts.size,
    anonOtherMiB: mib(other),
    stackMiB: mib(stack),
    anonBySize,
    largestFiles,
  };
}

export function describeMemoryMap(map: MemoryMap): string {
  const f = (n: number) => n.toFixed(0);
  const files = map.largestFiles.map((e) => `${e.file.split('/').slice(-2).join('/')} ${f(e.rssMiB)}`).join(', ');
  return (
    `mapped from files ${f(map.fileMiB)} MiB (private ${f(map.filePrivateMiB)}; largest: ${files}); ` +
    `malloc main heap ${f(map.mallocMainMiB)} MiB; malloc thread arenas ${f(map.mallocArenasMiB)} MiB in ${map.mallocArenaCount}; ` +
    `other anonymous (V8's heap and code, large buffers) ${f(map.anonOtherMiB)} MiB (by mapping size: ${Object.entries(map.anonBySize).map(([size, n]) => `${size} ${f(n)}`).join(', ')}); stacks ${f(map.stackMiB)} MiB`
  );
}
