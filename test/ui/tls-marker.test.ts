// TLS routes carry a marker in the connection list: the protocol column says TLS.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {TlsFacts} from '../../source/router/route.js';
import {MemoryRoute} from '../helpers/memory-route.js';
import {storeWithRouter} from '../helpers/ui-store.js';

test('a route with TLS facts is listed as TLS, a plain one as TCP', () => {
	const {router, store} = storeWithRouter();
	MemoryRoute.add(router);
	const facts: TlsFacts = {version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384'};
	router.addRoute(Object.assign(new MemoryRoute(router, '127.0.0.2'), {tls: facts}));
	store.flush();
	assert.deepEqual(
		store
			.getSnapshot()
			.connections.filter(row => row.kind === 'route')
			.map(row => [row.peer.split(':')[0], row.protocol]),
		[
			['127.0.0.1', 'TCP'],
			['127.0.0.2', 'TLS'],
		],
	);
	store.dispose();
});
