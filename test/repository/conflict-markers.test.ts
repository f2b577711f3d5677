import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A merge once committed its conflict markers into the README and an ADR; nothing failed until a
 * reader noticed. Any tracked text file holding a line that opens, splits or closes a conflict fails here.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const trackedFiles = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);

// Built from parts, so this file does not match itself. Git writes seven of each, then a space or the line end.
const MARKER_LINE = new RegExp(`^(${'<'.repeat(7)}|${'='.repeat(7)}|${'>'.repeat(7)}|${'\\|'.repeat(7)})( |$)`, 'm');

export function conflictMarkersIn(text: string): boolean {
  return MARKER_LINE.test(text);
}

describe('the repository', () => {
  it('holds no merge conflict markers in any tracked text file', () => {
    const marked = trackedFiles.filter((file) => {
      const full = path.join(root, file);
      if (!fs.existsSync(full) || fs.statSync(full).size > 2_000_000) return false;
      const bytes = fs.readFileSync(full);
      if (bytes.includes(0)) return false; // binary
      return conflictMarkersIn(bytes.toString('utf8'));
    });
    expect(marked).toEqual([]);
  });

  it('recognises the markers git writes, and not Markdown rules or arrows', () => {
    const ours = `${'<'.repeat(7)} HEAD`;
    const split = '='.repeat(7);
    const theirs = `${'>'.repeat(7)} branch`;
    expect(conflictMarkersIn(`a\n${ours}\nb\n${split}\nc\n${theirs}\n`)).toBe(true);
    expect(conflictMarkersIn(`${split}\n`)).toBe(true);
    expect(conflictMarkersIn(`${'|'.repeat(7)} base\n`)).toBe(true);
    expect(conflictMarkersIn('Title\n=====\n')).toBe(false);
    expect(conflictMarkersIn('a ======= b\n<<<<<<<<<< wide\n')).toBe(false);
    expect(conflictMarkersIn('x => y; a >>> 2\n')).toBe(false);
  });
});
