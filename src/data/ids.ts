// Client-generated identifiers and timestamps for rows written on the device.

export function newId(): string {
  return crypto.randomUUID();
}

/** The device's clock, used only for display fields; the server stamps order and versions. */
export function nowIso(): string {
  return new Date().toISOString();
}
