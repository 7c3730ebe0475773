/**
 * A short form of a UUID for display when no name is known. UUIDv7 ids begin with their creation
 * time, so ids made the same minute share a prefix; the tail tells them apart.
 */
export function shortId(id: string): string {
  return `…${id.slice(-8)}`;
}
