// The C peers the bench compares against: find them, install them from Debian when missing (as
// root), and say plainly which ones cannot be had so their rows are skipped.
import {spawnSync} from 'node:child_process';

const wanted = [
	// OpenBSD nc is `nc` on Debian when netcat-openbsd is the chosen alternative, else nc.openbsd.
	{name: 'nc', package: 'netcat-openbsd', binaries: ['nc.openbsd', 'nc'], accept: output => /OpenBSD/i.test(output), probe: ['-h']},
	{name: 'ncat', package: 'ncat', binaries: ['ncat'], accept: output => /Ncat/i.test(output), probe: ['--version']},
	{name: 'socat', package: 'socat', binaries: ['socat'], accept: output => /socat/i.test(output), probe: ['-V']},
];

function find(peer) {
	for (const binary of peer.binaries) {
		const result = spawnSync(binary, peer.probe, {encoding: 'utf8', timeout: 5000});
		if (!result.error && peer.accept(`${result.stdout}${result.stderr}`)) {
			const lines = `${result.stdout}${result.stderr}`.split('\n').map(line => line.trim());
			return {path: binary, version: lines.find(line => /version/i.test(line)) ?? lines.find(line => line !== '') ?? ''};
		}
	}
	return undefined;
}

function aptInstall(packages) {
	if (process.getuid?.() !== 0) return 'not root, so apt-get cannot install';
	const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
	let result = spawnSync('apt-get', ['install', '-y', '-q', ...packages], {encoding: 'utf8', env, timeout: 300_000});
	if (result.status !== 0) {
		spawnSync('apt-get', ['update', '-q'], {encoding: 'utf8', env, timeout: 300_000});
		result = spawnSync('apt-get', ['install', '-y', '-q', ...packages], {encoding: 'utf8', env, timeout: 300_000});
	}
	if (result.error) return `apt-get failed: ${result.error.message}`;
	return result.status === 0 ? undefined : `apt-get install failed: ${(result.stderr || result.stdout).trim().split('\n').pop()}`;
}

/**
 * Returns {peers: {nc, ncat, socat} -> {path, version} or undefined, notes: [text]}.
 * A peer that is missing and cannot be installed gets a note, and its rows say "skipped".
 */
export function setUpPeers(log = () => {}) {
	const peers = {};
	const notes = [];
	const missing = [];
	for (const peer of wanted) {
		peers[peer.name] = find(peer);
		if (!peers[peer.name]) missing.push(peer);
	}
	if (missing.length > 0) {
		log(`installing ${missing.map(peer => peer.package).join(', ')} with apt-get`);
		const failure = aptInstall(missing.map(peer => peer.package));
		for (const peer of missing) {
			peers[peer.name] = find(peer);
			if (!peers[peer.name])
				notes.push(
					`${peer.name} skipped: not installed (Debian package ${peer.package}) and ${failure ?? 'still not found after apt-get install'}`,
				);
		}
	}
	return {peers, notes};
}
