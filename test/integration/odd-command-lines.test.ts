// Issue 18 items 7 and 8: repeated flags, -4/-6 against literal addresses, non-decimal
// probabilities, IPv4-mapped and link-local listen addresses: one line, the right exit status.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {runCli, startCliFor} from '../helpers/cli.js';
import {connectPeer} from '../helpers/peers.js';

const repeated: Array<[string[], string]> = [
	[['-m', '5', '-m', '6', '-L', '127.0.0.1:0'], '-m'],
	[['--max-clients', '5', '-m', '6', '-L', '127.0.0.1:0'], '--max-clients and -m'],
	[['-f', 'hub', '--fm=channels', '-L', '127.0.0.1:0'], '-f and --fm'],
	[['-i', 'none', '-i', 'echo', '127.0.0.1:9'], '-i'],
	[['-o', 'none', '-o', 'stdout', '127.0.0.1:9'], '-o'],
	[['-e', 'cat', '-e', 'tac', '127.0.0.1:9'], '-e'],
	[['--ss', '10', '--ss', '20', '127.0.0.1:9'], '--ss'],
	[['--sdrop', '0.1', '--sdrop', '0.2', '127.0.0.1:9'], '--sdrop'],
];

for (const [args, typed] of repeated) {
	test(`Given ${args.join(' ')}, Then a usage error names ${typed}, exit 2`, async () => {
		const {code, stderr} = await runCli(args);
		assert.equal(stderr, `netcrab-tui: ${typed} given more than once: give it once (see --help)\n`);
		assert.equal(code, 2);
	});
}

const refused: Array<[string[], RegExp]> = [
	[['-6', '-L', '127.0.0.1:0'], /^netcrab-tui: 127\.0\.0\.1 is an IPv4 address but -6 allows only IPv6 \(address family not supported\)/],
	[['-6', '127.0.0.1:9'], /^netcrab-tui: 127\.0\.0\.1 is an IPv4 address but -6 allows only IPv6/],
	[['-4', '[::1]:9'], /^netcrab-tui: ::1 is an IPv6 address but -4 allows only IPv4/],
	[['-4', '127.0.0.1=[::1]:9'], /^netcrab-tui: ::1 is an IPv6 address but -4/],
	[['--rdrop', '0x1', '127.0.0.1:9'], /^netcrab-tui: bad probability "0x1" for --rdrop/],
	[['--sdrop', '1e0', '127.0.0.1:9'], /^netcrab-tui: bad probability "1e0" for --sdrop/],
	[['-L', '[fe80::1]:0'], /^netcrab-tui: fe80::1 is a link-local address: name its interface, as in \[fe80::1%lo\]/],
	[['-u', '-L', '[fe80::1]:0'], /^netcrab-tui: fe80::1 is a link-local address/],
];

for (const [args, message] of refused) {
	test(`Given ${args.join(' ')}, Then one line says what is wrong, exit 2`, async () => {
		const {code, stderr} = await runCli(args);
		assert.match(stderr, message);
		assert.equal(stderr.split('\n').length, 2, 'one line');
		assert.equal(code, 2);
	});
}

test("Given -L [fe80::1%lo]:0, Then the zone is accepted and the outcome is the system's, never a bare EINVAL", async () => {
	const cli = await runCli(['-L', '[fe80::1%lo]:0', '-i', 'none'], undefined, 3000);
	// lo rarely has fe80::1: "address not available"; where it has, the listener runs until killed.
	assert.notEqual(cli.code, 2, cli.stderr);
	assert.doesNotMatch(cli.stderr, /EINVAL/);
});

test('Given -L [::ffff:127.0.0.1]:0, When a client connects to 127.0.0.1, Then it is accepted', async t => {
	const cli = startCliFor(t, ['-L', '[::ffff:127.0.0.1]:0', '-i', 'none']);
	const port = await cli.listeningPort();
	const client = await connectPeer(port, '127.0.0.1');
	t.after(() => client.socket.destroy());
	client.socket.write('mapped');
	assert.equal((await cli.waitForStdout(6)).toString(), 'mapped');
});
