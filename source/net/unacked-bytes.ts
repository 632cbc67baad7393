// How many bytes of a TCP connection the peer has not acknowledged yet (its kernel send queue).
// Closing a socket while the peer still sends makes the kernel answer with a reset, and a reset
// throws away whatever we wrote that is still queued: so before exiting on purpose we wait until
// the queue is empty. Node has no API for it; Linux lists it as tx_queue in /proc/net/tcp(6).
// Elsewhere the answer is undefined ("unknown"), and callers go on as before.
import {readFile} from 'node:fs/promises';

function portHex(port: number): string {
	return port.toString(16).toUpperCase().padStart(4, '0');
}

/** Unacknowledged bytes (a FIN counts 1) of the connection localPort -> remotePort; 0 once it is gone; undefined when unknown. */
export async function unackedBytes(localPort: number, remotePort: number): Promise<number | undefined> {
	const wanted = `:${portHex(localPort)} `;
	const remote = `:${portHex(remotePort)} `;
	let tables = 0;
	for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
		let text: string;
		try {
			text = await readFile(file, 'utf8');
		} catch {
			continue;
		}
		tables++;
		for (const line of text.split('\n')) {
			// "  sl  local_address rem_address   st tx_queue:rx_queue ..."
			const fields = line.trim().split(/\s+/);
			if (fields.length < 5 || !`${fields[1]} `.endsWith(wanted) || !`${fields[2]} `.endsWith(remote)) continue;
			return Number.parseInt(fields[4]!.split(':')[0]!, 16);
		}
	}
	return tables > 0 ? 0 : undefined;
}
