import { caFiles, defaultCaDir, loadOrCreateCa } from '../../sources/proxy/ca.js';
import type { CliCommand } from '../command.js';

interface Args {
  'ca-dir': string;
}

/** `authtrail ca`: where the forward-mode CA is and how to make each kind of client trust it. */
export const caCommand: CliCommand<Args> = {
  command: 'ca',
  describe: 'Print the local CA used by `record --mode forward` (creating it if needed) and how to trust it',
  builder: (yargs) => yargs.option('ca-dir', { type: 'string', default: defaultCaDir(), describe: 'where the CA lives' }),
  async run(args, io) {
    const ca = await loadOrCreateCa(args['ca-dir']);
    const { certPath, keyPath } = caFiles(args['ca-dir']);
    io.out(
      [
        `${ca.created ? 'created' : 'CA'}: ${certPath}`,
        `key:  ${keyPath} (mode 0600; anyone holding it can impersonate intercepted hosts to clients that trust the CA)`,
        '',
        'Trust it only in the clients you test, for example:',
        `  Node.js        NODE_EXTRA_CA_CERTS=${certPath} HTTPS_PROXY=http://127.0.0.1:8080 node app.js`,
        '                 (Node 20 ignores HTTPS_PROXY by itself: use a proxy agent such as undici ProxyAgent or global-agent)',
        `  curl           curl --proxy http://127.0.0.1:8080 --cacert ${certPath} https://dev-123.okta.com/api/v1/authn ...`,
        `  Python         REQUESTS_CA_BUNDLE=${certPath} HTTPS_PROXY=http://127.0.0.1:8080 python app.py`,
        `  Java           keytool -importcert -alias authtrail -file ${certPath} -keystore <truststore>`,
        `  Debian/Ubuntu  sudo cp ${certPath} /usr/local/share/ca-certificates/authtrail-ca.crt && sudo update-ca-certificates`,
        `  macOS          sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${certPath}`,
        `  Windows        certutil -addstore -f ROOT ${certPath}`,
        '  Firefox        Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import',
        '',
        'Remove it from system stores when you are done. Reverse mode (record --target) needs no CA at all.',
      ].join('\n'),
    );
    return 0;
  },
};
