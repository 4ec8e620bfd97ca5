// The local address a TCP port is listening on, from /proc/net/tcp and /proc/net/tcp6.
import { readFileSync } from 'node:fs';

const LISTEN = '0A';

function ipv4(hex: string): string {
  // Little-endian words: 0100007F is 127.0.0.1.
  return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
}

export function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 4 || fields[3] !== LISTEN) continue;
      const [address, portHex] = fields[1]!.split(':') as [string, string];
      if (parseInt(portHex, 16) !== port) continue;
      found.push(address.length === 8 ? ipv4(address) : `[${address}]`);
    }
  }
  return found;
}
