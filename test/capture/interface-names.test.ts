// Which interface a route is filed under: its listener (found by address, or by port behind a
// wildcard listener) or its target.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {interfaceNamer} from '../../source/capture/interface-names.js';
import type {RouteInfo} from '../../source/router/route.js';

const base: RouteInfo = {
	id: 1,
	protocol: 'tcp',
	origin: 'inbound',
	local: '127.0.0.1:5000',
	peer: '127.0.0.1:40000',
	peerHost: '127.0.0.1',
	family: 4,
};

test('inbound routes name their listener, also behind a wildcard address; outbound ones their target', () => {
	const name = interfaceNamer(
		() => [
			{address: '0.0.0.0:5000', protocol: 'TCP'},
			{address: '127.0.0.1:6000', protocol: 'TCP'},
			{address: '0.0.0.0:5000', protocol: 'UDP'},
		],
		route => (route.id === 9 ? 'example.com:80' : undefined),
	);
	assert.deepEqual(name(base), {name: 'listener 0.0.0.0:5000', description: 'netcrab-tui listener 0.0.0.0:5000 (TCP)'});
	assert.equal(name({...base, local: '127.0.0.1:6000'}).name, 'listener 127.0.0.1:6000');
	assert.equal(name({...base, protocol: 'udp', local: '10.0.0.1:5000'}).description, 'netcrab-tui listener 0.0.0.0:5000 (UDP)');
	assert.equal(name({...base, local: '127.0.0.1:7000'}).name, 'listener 127.0.0.1:7000', 'no listener known: the local address');
	assert.equal(name({...base, id: 9, origin: 'outbound', peer: '93.184.215.14:80'}).name, 'target example.com:80');
	assert.equal(name({...base, id: 3, origin: 'outbound', peer: '127.0.0.1:9'}).name, 'target 127.0.0.1:9');
	assert.match(name({...base, tls: {version: 'TLSv1.3', cipher: 'x'}}).description, /\(TLS\)$/);
});
