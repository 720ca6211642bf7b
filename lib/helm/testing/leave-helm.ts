// Stands in for a Helmdeck process on a system without setpriv: starts a
// long-running child in a group of its own with no death signal, lists it in
// the helm registry as helm would be, prints its pid and waits to be killed.
// node --import tsx lib/helm/testing/leave-helm.ts <description>
import { spawn } from 'node:child_process';
import { registerHelm } from '../helm-processes';

const child = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
registerHelm(child.pid!, ['upgrade', `--description=${process.argv[2] ?? ''}`, '--', 'demo']);
process.stdout.write(`${child.pid}\n`);
setInterval(() => {}, 60_000);
