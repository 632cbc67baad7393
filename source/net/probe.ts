// -z: connect to every target and close at once, like `nc -z`.
import {formatAddress} from '../address.js';
import type {Options} from '../options.js';
import {TcpConnector} from './tcp-connector.js';
import {prepareTls} from './tls-endpoints.js';

/** -z: connect to every target and close at once; 0 when every target accepted. */
export async function probeTargets(options: Options, report: (level: 'info' | 'warning' | 'error', text: string) => void): Promise<number> {
	// A TLS target is probed with a full handshake, so -z also checks its certificate.
	const tls = await prepareTls(
		options.tls,
		{listen: [], targets: options.targets},
		{
			onSecure: () => {},
			report: (level, text) => report(level === 'warning' ? 'warning' : 'info', text),
		},
	);
	const probes = options.targets.flatMap(target => Array.from({length: target.count}, () => target));
	const results = await Promise.all(
		probes.map(
			target =>
				new Promise<boolean>(resolve => {
					const connector = new TcpConnector(target, {
						dial: {
							...(options.family ? {family: options.family} : {}),
							...(options.connectTimeoutMs !== undefined ? {connectTimeoutMs: options.connectTimeoutMs} : {}),
							tlsByDefault: options.tls.byDefault,
							...(tls.client ? {tls: tls.client} : {}),
							...(options.proxy ? {proxy: options.proxy} : {}),
						},
						reconnectOnClose: false,
						reconnectOnError: false,
						onConnected: socket => {
							report(
								'info',
								`Connection to ${target.text} (${formatAddress(socket.remoteAddress ?? '?', socket.remotePort ?? 0)}) succeeded`,
							);
							socket.destroy();
						},
						onReport: () => {},
						onDone: error => {
							if (error) report('error', error.message);
							resolve(error === undefined);
						},
					});
					connector.start();
				}),
		),
	);
	return results.every(Boolean) ? 0 : 1;
}
