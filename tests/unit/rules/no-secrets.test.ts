import { describe, expect, it } from 'vitest';
import { brief, lintDocs } from '../helpers';

const RULE = 'no-secrets';
const doc = (body: string, fm = '') => `---\ntitle: Secrets test page\ntype: reference\n${fm}---\n\n${body}\n`;
const lint = (text: string) => lintDocs({ 'docs/s.md': text }, 'docs/s.md', { rule: RULE }).then(brief);
const rotate = 'remove it, rotate the credential, and use a secret store reference instead';

// Planted secrets are built from pieces so this test file itself does not look like a leak.
const ghp = 'ghp_' + 'Zx81Ab'.repeat(6);
const slackToken = ['xoxb', '123456789012', '1234567890123', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-');
const slackHook = 'https://hooks.slack.com/services/' + ['T0A1B2C3D', 'B0A1B2C3D', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('/');
const aws = 'AKIA' + 'Q3XZ7RTY2PLM4KDW';
const jwt = 'eyJhbGciOiJIUzI1NiJ9.' + 'eyJzdWIiOiIxMjM0NTY3ODkwIn0.' + 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const pem = '-----BEGIN OPENSSH ' + 'PRIVATE KEY-----';

describe(RULE, () => {
  const valid: [string, string][] = [
    ['prose about tokens', doc('Rotate the token in the vault, then restart the deploy job.')],
    ['a reference to a secret store', doc('```bash\nexport API_KEY=${VAULT_API_KEY}\npassword: <from the vault>\n```')],
    ['a low-entropy example value', doc('Set `password = changeme-please` in your local config only.')],
  ];
  it.each(valid)('valid: %s', async (_n, text) => expect(await lint(text)).toEqual([]));

  const invalid: [string, string, (string | number)[][]][] = [
    ['GitHub token in a code block', doc('```bash\nexport GITHUB_TOKEN=' + ghp + '\n```'), [[7, 21, `Possible GitHub token "ghp_…Ab": ${rotate}`]]],
    ['Slack bot token in prose', doc('The bot uses ' + slackToken + ' today.'), [[6, 14, `Possible Slack token "xoxb…Wx": ${rotate}`]]],
    ['Slack webhook URL', doc('Post to ' + slackHook), [[6, 9, `Possible Slack webhook URL "http…Wx": ${rotate}`]]],
    ['AWS access key id', doc('Key: ' + aws), [[6, 6, `Possible AWS access key id "AKIA…DW": ${rotate}`]]],
    ['private key header', doc('```\n' + pem + '\nb3BlbnNzaC1rZXktdjEAAAAA\n```'), [[7, 1, `Possible private key "----…--": ${rotate}`]]],
    ['JWT', doc('Authorization: Bearer ' + jwt), [[6, 23, `Possible JSON Web Token "eyJh…8U": ${rotate}`]]],
    ['password in a URL', doc('psql postgres://admin:S3cr3tPassw0rd@db.internal:5432/orders'), [[6, 6, `Possible password in a URL "post…32": ${rotate}`]]],
    ['high-entropy assignment', doc('```yaml\napi_key: 9fQ2xLm7Vt4KpR8zWb3N\n```'), [[7, 10, `Possible secret in "api_key" "9fQ2…3N": ${rotate}`]]],
    ['secret in front matter', doc('Body text.', `description: token is ${ghp}\n`), [[4, 23, `Possible GitHub token "ghp_…Ab": ${rotate}`]]],
  ];
  it.each(invalid)('invalid: %s', async (_n, text, expected) => expect(await lint(text)).toEqual(expected));
});
