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

  // Built from pieces, as above.
  const hex32 = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
  const more: [string, string, (string | number)[][]][] = [
    [
      'PagerDuty routing key',
      doc('```yaml\nrouting_key: ' + 'R0' + '1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D' + '\n```'),
      [[7, 1, `Possible PagerDuty integration key "rout…5D": ${rotate}`]],
    ],
    [
      'PagerDuty integration key in an env line',
      doc('`PD_INTEGRATION_KEY=' + hex32 + '`'),
      [[6, 2, `Possible PagerDuty integration key "PD_I…a0": ${rotate}`]],
    ],
    ['Datadog API key', doc('```bash\nDD_API_KEY=' + hex32 + '\n```'), [[7, 1, `Possible Datadog API key "DD_A…a0": ${rotate}`]]],
    [
      'Azure storage account key',
      doc('`DefaultEndpointsProtocol=https;AccountName=x;AccountKey=' + 'q83Kd9'.repeat(8) + '==`'),
      [[6, 47, `Possible Azure storage account key "Acco…==": ${rotate}`]],
    ],
    [
      'HTTP Basic credentials',
      doc('curl -H "Authorization: Basic ' + 'YWRtaW46' + 'aHVudGVyMg==' + '" https://api.example.com'),
      [[6, 10, `Possible HTTP Basic credentials "Auth…==": ${rotate}`]],
    ],
    [
      'an opaque bearer token',
      doc('curl -H "Authorization: Bearer ' + 'a8f3k2' + 'Lq9ZpX4wR7tY1uV6' + '" https://api.example.com'),
      [[6, 32, `Possible bearer token "a8f3…V6": ${rotate}`]],
    ],
    ['OpenAI project key', doc('OPENAI=' + 'sk-proj-' + 'Ab12Cd34Ef56Gh78Ij90Kl12Mn34'), [[6, 8, `Possible OpenAI API key "sk-p…34": ${rotate}`]]],
    [
      'Stripe webhook signing secret',
      doc('Signing secret ' + 'whsec_' + 'Q1w2E3r4T5y6U7i8O9p0A1s2D3f4'),
      [[6, 16, `Possible Stripe webhook signing secret "whse…f4": ${rotate}`]],
    ],
  ];
  it.each(more)('invalid: %s', async (_n, text, expected) => expect(await lint(text)).toEqual(expected));

  const clean: [string, string][] = [
    [
      'OAuth endpoint URLs',
      doc('```yaml\ntoken_url: https://auth.example.com/oauth2/v1/token\nauthorize_url: https://auth.example.com/oauth2/v1/authorize\n```'),
    ],
    [
      'Kubernetes secret names',
      doc(
        '```yaml\nsecret: payments-db-credentials-v2\nsecretName: orders-api-token-2024\n```\n\nThe `api_key: checkout-service-key-v3` secret is mounted read-only.',
      ),
    ],
    [
      'references in Authorization headers',
      doc('curl -H "Authorization: Bearer $TOKEN" -H "Authorization: Basic <base64 of user:password>" https://api.example.com'),
    ],
  ];
  it.each(clean)('valid: %s', async (_n, text) => expect(await lint(text)).toEqual([]));
});
