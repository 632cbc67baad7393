// The UI with a Unix listener and an access filter, in a real pseudo-terminal: the Unix peer is a
// route named by its path, the denied TCP client a count on its listener's row; the socket file is
// gone after quitting.
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {once} from 'node:events';
import net from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {connectPeer} from '../helpers/peers.js';
import {startInPty} from '../helpers/term.js';

test('UI: a Unix client is a UNIX route; a denied client counts on the listener row', async t => {
	const dir = mkdtempSync(join(tmpdir(), 'netcrab-ui-unix-'));
	t.after(() => rmSync(dir, {recursive: true, force: true}));
	const path = join(dir, 'ui.sock');
	const run = startInPty(['-f', 'hub', '-L', '127.0.0.1:0', '-L', `unix:${path}`, '--deny', '127.0.0.2'], {columns: 160, rows: 24});
	t.after(() => run.kill());
	const pattern = /TCP 127\.0\.0\.1:(\d+) listening/;
	const port = Number((await run.waitForScreen(pattern)).match(pattern)![1]);
	await run.waitForScreen(`UNIX unix:${path} listening`);

	const unix = net.connect({path});
	await once(unix, 'connect');
	t.after(() => unix.destroy());
	await run.waitForScreen(new RegExp(`#1 UNIX unix:${path.replace(/[.]/g, '\\.')} <- unix:\\S+ connected`));
	unix.write('hello from unix');
	await run.waitForScreen('hello from unix');

	const denied = await connectPeer(port, '127.0.0.1', '127.0.0.2');
	await Promise.race([denied.ended, denied.closed]);
	// The denied client took no -m slot: clients 0 of 10.
	await run.waitForScreen(new RegExp(`TCP 127\\.0\\.0\\.1:${port} listening  clients 0/10  denied 1`));

	run.type('\x03');
	await run.exited;
	assert.equal(existsSync(path), false, 'the socket file is removed when the UI quits');
});
