import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Share cards drawn once and kept on disk (DATA_DIR/share/<owner>/<version>-<fingerprint>.png): drawing
 * one costs 40-120 ms of the server's only thread, reading it back a fraction of a millisecond. Each owner
 * (an article's id, or `site`) keeps one file, its newest: storing a new one deletes the others, so the
 * folder holds at most one card per published article. The fingerprint covers what the card shows
 * (headline, section, site name) and CARD_DESIGN, so a change to any of them draws it again.
 */

/** Raise when components/share/ShareCard.tsx changes, so stored cards are drawn again with the new design. */
const CARD_DESIGN = 1;

export interface ShareImageKey {
  /** An article's id, or `site`. */
  owner: string;
  version: number;
  /** What the card shows. */
  content: readonly string[];
}

// Two readers asking for a card not stored yet share one drawing.
const drawing = new Map<string, Promise<Buffer>>();

const fileNameOf = (key: ShareImageKey) =>
  `${key.version}-${createHash('sha256').update(JSON.stringify([CARD_DESIGN, ...key.content])).digest('base64url').slice(0, 16)}.png`;

/** The stored card for `key` under `root`, drawn and stored by `draw` when there is none. */
export async function storedShareImage(root: string, key: ShareImageKey, draw: () => Promise<Buffer>): Promise<Buffer> {
  const folder = path.join(root, key.owner);
  const name = fileNameOf(key);
  const file = path.join(folder, name);
  try {
    return await fs.promises.readFile(file);
  } catch {
    // Not stored yet (or unreadable): draw it.
  }
  const pending = drawing.get(file);
  if (pending) return pending;
  const drawn = draw().then((image) => {
    store(folder, name, image);
    return image;
  });
  drawing.set(file, drawn);
  try {
    return await drawn;
  } finally {
    drawing.delete(file);
  }
}

/** Writes the card whole (a reader never gets half a file) and deletes the owner's older ones. A failure only costs a redraw later. */
function store(folder: string, name: string, image: Buffer): void {
  try {
    fs.mkdirSync(folder, { recursive: true });
    const temporary = path.join(folder, `.${randomBytes(6).toString('hex')}.tmp`);
    fs.writeFileSync(temporary, image);
    fs.renameSync(temporary, path.join(folder, name));
    for (const other of fs.readdirSync(folder)) if (other !== name && !other.endsWith('.tmp')) fs.rmSync(path.join(folder, other), { force: true });
  } catch (error) {
    console.error(`Cannot store the share image ${path.join(folder, name)}:`, error);
  }
}

/** Deletes an owner's stored cards (an article no longer published). */
export function forgetShareImages(root: string, owner: string): void {
  fs.rmSync(path.join(root, owner), { recursive: true, force: true });
}
