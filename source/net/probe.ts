// -z: connect to every target and close at once, like `nc -z`.
import type {Options} from '../options.js';
import {TcpConnector} from './tcp-connector.js';

/** -z: connect to every target and close at once; 0 when every target accepted. */
export async function probeTargets(options: Options, report: (level: 'info' | 'error', text: string) => void): Promise<number> {
	const probes = options.targets.flatMap(target => Array.from({length: target.count}, () => target));
	const results = await Promise.all(
		probes.map(
			target =>
				new Promise<boolean>(resolve => {
					const connector = new TcpConnector(target, {
						dial: {...(options.family ? {family: options.family} : {}), ...(options.proxy ? {proxy: options.proxy} : {})},
						reconnectOnClose: false,
						reconnectOnError: false,
						onConnected: (socket, identity) => {
							report('info', `Connection to ${target.text} (${identity.peer}) succeeded`);
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
