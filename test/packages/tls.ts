import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';

// A throwaway CA made with openssl, a certificate for 127.0.0.1 it signed, and a TLS
// front on loopback that hands every connection to a plain-HTTP collector (or answers
// nothing, to test the handshake alone): the collector as an agent sees it over HTTPS.

export interface Pki {
  caPem: string;
  /** SHA-256 of the CA as `openssl x509 -fingerprint -sha256` prints it (AB:CD:…). */
  caFingerprint: string;
  leafPem: string;
  keyPem: string;
}

export function makePki(dir: string): Pki {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2',
    '-subj', '/CN=zhengban packaging test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  writeFileSync(join(dir, 'leaf.cnf'), 'basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=127.0.0.1');
  openssl('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '7', '-days', '1', '-extfile', 'leaf.cnf', '-out', 'leaf.pem');
  const caPem = readFileSync(join(dir, 'ca.pem'), 'utf8');
  const digest = createHash('sha256').update(new X509Certificate(caPem).raw).digest('hex').toUpperCase();
  return {
    caPem,
    caFingerprint: digest.match(/../g)!.join(':'),
    leafPem: readFileSync(join(dir, 'leaf.pem'), 'utf8'),
    keyPem: readFileSync(join(dir, 'leaf.key'), 'utf8'),
  };
}

export interface Front { url: string; close(): Promise<void> }

/** HTTPS on 127.0.0.1 sending `chain` (PEM, leaf first), relaying to `toPort` when given. */
export function tlsFront(pki: Pki, chain: string, toPort?: number): Promise<Front> {
  const open = new Set<{ destroy(): void }>();
  const server: Server = createServer({ cert: chain, key: pki.keyPem }, (socket) => {
    if (toPort === undefined) return void socket.end();
    const upstream = connect(toPort, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    const drop = () => { socket.destroy(); upstream.destroy(); };
    open.add(socket).add(upstream);
    socket.on('error', drop);
    upstream.on('error', drop);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const close = () => new Promise<void>((done) => {
        server.close(() => done());
        for (const s of open) s.destroy();
      });
      resolve({ url: `https://127.0.0.1:${port}`, close });
    });
  });
}
