/** The `handbook` CLI: lint, new, rules (and more commands registered by their own modules). */
import { addDocumentCommands, createProgram, runProgram, type ExitCode } from './program';
import { Option } from 'commander';
import { coverageCommand } from './coverage';
import { doctorCommand } from './doctor';
import { profileList, profileUse } from './profile';
import { exportCommand } from './export';
import { metricsCommand } from './metrics';
import { notifyCommand } from './notify';
import { trainingRecordCommand, trainingStatusCommand } from './training';
import { IncidentError, incidentClose, incidentOpen, incidentUpdate } from './incident';
import { statusBuildCommand } from './status';
import { drillCommand } from './drill';

export async function main(argv: string[]): Promise<number> {
  const exit: ExitCode = { code: 0 };
  const program = createProgram('Check and work with a docs-as-code incident handbook.');

  addDocumentCommands(program, exit);

  const incident = program.command('incident').description('Open, update and close incident records in incidents/');
  incident
    .command('open')
    .description('Open an incident: allocates the next id and writes incidents/<year>/INC-NNNN-<title>.md')
    .requiredOption('--title <title>', 'what is happening, in a few words')
    .requiredOption('--severity <level>', 'severity id from data/severity.yaml')
    .requiredOption('--type <type>', 'incident type id from data/incident-types.yaml')
    .requiredOption('--services <ids>', 'affected service ids, comma-separated')
    .option('--commander <handle>', 'incident commander, e.g. @grace')
    .option('--owner <team>', 'owning team id')
    .option('--summary <text>', 'first summary')
    .option('--started-at <timestamp>', 'when the impact started, if earlier than now')
    .option('--now <timestamp>', 'use this time instead of the clock')
    .action(async (opts) => {
      exit.code = await incidentOpen(opts);
    });
  incident
    .command('update')
    .description('Record progress: a status or milestone, a severity change, a note; appends to the timeline')
    .argument('<id>', 'incident id, e.g. INC-0042')
    .option('--status <event>', 'acknowledged | identified | mitigated | monitoring | resolved')
    .option('--severity <level>', 'change the severity')
    .option('--note <text>', 'a line for the timeline')
    .option('--at <timestamp>', 'when it happened (default: now)')
    .option('--now <timestamp>', 'use this time instead of the clock')
    .action(async (id: string, opts) => {
      exit.code = await incidentUpdate(id, opts);
    });
  incident
    .command('close')
    .description('Close a resolved incident')
    .argument('<id>', 'incident id')
    .option('--note <text>', 'a line for the timeline')
    .option('--at <timestamp>', 'when (default: now)')
    .option('--now <timestamp>', 'use this time instead of the clock')
    .action(async (id: string, opts) => {
      exit.code = await incidentClose(id, opts);
    });

  program
    .command('metrics')
    .description('Incident metrics: counts, MTTD, MTTA, MTTM, MTTR (mean, median, p90), severity distribution, postmortem and action-item rates')
    .option('--since <date>', 'incidents detected on or after this date')
    .option('--until <date>', 'incidents detected before this date')
    .option('--by <group>', 'severity | type | service | week | month | quarter | year', 'none')
    .option('--format <format>', 'table | json | csv', 'table')
    .option('--exclude-examples', 'leave out the sample incidents shipped with the handbook')
    .option('--include-drills', 'count incidents opened by handbook drill (left out by default)')
    .action(async (opts) => {
      exit.code = await metricsCommand(opts);
    });

  program
    .command('notify')
    .description("Render a communication template with an incident's fields and post it to Slack, Teams or a webhook")
    .requiredOption('--incident <id>', 'incident id, e.g. INC-0042')
    .requiredOption('--template <id>', 'template id from data/templates.yaml')
    .requiredOption('--to <target>', 'slack | teams | webhook')
    .option('--url <url>', 'webhook URL (or HANDBOOK_WEBHOOK_URL)')
    .option('--set <field=value>', 'set or override a template field (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--dry-run', 'print the payload instead of sending it')
    .option('--retries <n>', 'retries after a failed attempt', '3')
    .option('--timeout <ms>', 'timeout per attempt in milliseconds', '5000')
    .option('--now <timestamp>', 'use this time instead of the clock')
    .action(async (opts) => {
      exit.code = await notifyCommand(opts);
    });

  program
    .command('export')
    .description('Write files for automation: an Alertmanager routing tree, the alert -> runbook URL map, or the /api JSON files')
    .argument('<what>', 'alertmanager | runbook-urls | api')
    .option('-o, --output <file>', 'where to write (default: stdout; for api a folder, default build/api)')
    .option('--site-url <url>', 'public URL of the handbook, for runbook links (default: site_url in handbook.config.yaml or HANDBOOK_SITE_URL)')
    .option('--severity-label <name>', 'the alert label that carries the severity', 'severity')
    .option('--responder-url <url>', 'alertmanager: also send every alert to handbook serve at this URL')
    .option('--responder-token-file <file>', 'alertmanager: file on the Alertmanager host holding the bearer token for the responder')
    .action(async (what: string, opts) => {
      exit.code = await exportCommand(what, opts);
    });

  program
    .command('coverage')
    .description('Compliance coverage: per control, the covering documents and evidence, and covered / partial / missing')
    .option('--framework <id>', 'one framework from data/frameworks/')
    .option('--format <format>', 'table | json | csv | markdown', 'table')
    .option(
      '--site-url <url>',
      'prefix for document links in csv and markdown output (default: site_url in handbook.config.yaml or HANDBOOK_SITE_URL; unset: relative links)',
    )
    .option('--now <date>', 'treat this date as today, for training readiness (also HANDBOOK_NOW)')
    .action(async (opts) => {
      exit.code = await coverageCommand(opts);
    });

  program
    .command('doctor')
    .description(
      'List every sample value still to replace (from data/: sample markers, example hosts, fictional numbers) and escalation targets nobody can reach',
    )
    .option('--format <format>', 'table | json', 'table')
    .option('--strict', "exit 1 while sample values remain (for an adopter's CI)")
    .action(async (opts) => {
      exit.code = await doctorCommand(opts);
    });

  const profile = program.command('profile').description('Severity scale profiles in profiles/: list them, or switch data/ and every level reference to one');
  profile
    .command('list')
    .description('List the profiles and their levels')
    .action(async () => {
      exit.code = await profileList();
    });
  profile
    .command('use')
    .description("Copy a profile's registries into data/ and rename level references in data/ and the content roots")
    .argument('<name>', 'profile name, e.g. p1-p4')
    .option('--dry-run', 'say what would change, change nothing')
    .action(async (name: string, opts) => {
      exit.code = await profileUse(name, opts);
    });

  program
    .command('serve')
    .description('Run the responder: Alertmanager, Slack and PagerDuty hooks, the incident API, escalation, /status, /live, /metrics')
    .option('--port <port>', 'port to listen on (0: any free port)', '8080')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--token-file <file>', 'bearer tokens, one per line, optionally name:token (also HANDBOOK_TOKENS, comma-separated)')
    .option('--tick-ms <ms>', 'how often due escalation steps are checked', '5000')
    .option('--rate-limit <n>', 'requests per client per minute', '600')
    .option('--body-limit <bytes>', 'largest request body', '262144')
    .option('--public-live', 'serve /live without a token (an authenticating proxy sits in front)')
    .option('--read-token-file <file>', 'read-only tokens (same format; also HANDBOOK_READ_TOKENS): GET /live and /api/incidents only')
    .option(
      '--cors-origin <origin>',
      'let the handbook site at this origin read GET /api/incidents from browsers (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--git-commit', 'commit every record change in this checkout')
    .option('--git-push <remote-and-branch...>', 'push after each commit: --git-push <remote> <branch>')
    .option('--status-title <title>', 'title of the public status page', 'Service status')
    .option('--clock-file <file>', 'read the current time from this file (drills and tests)')
    .option('--log-level <level>', 'info | warn | error', 'info')
    .addOption(new Option('--hold-alerts', 'journal alert notifications but do not apply them (maintenance, crash tests)').hideHelp())
    .action(async (opts) => {
      // Loaded when used: the HTTP server and its dependencies are a quarter of the CLI, and no other command needs them.
      const { serveCommand } = await import('./serve');
      exit.code = await serveCommand(opts);
    });

  program
    .command('status')
    .description('The public status page')
    .command('build')
    .description('Write the status page (index.html, status.json, status.atom) from the public fields of incident records')
    .option('-o, --output <folder>', 'where to write', 'build/status')
    .option('--title <title>', 'page title', 'Service status')
    .option('--site-url <url>', 'where the page is published, for the feed links (default: <site_url>/status)')
    .option('--now <timestamp>', 'use this time instead of the clock')
    .action(async (opts) => {
      exit.code = await statusBuildCommand(opts);
    });

  program
    .command('drill')
    .description("Play an exercise's scripted alerts through Alertmanager or straight into the responder, measure the response, write an evidence record")
    .argument('<exercise>', 'exercise doc id or file name, e.g. exercises/database-failover')
    .option('--alertmanager-url <url>', 'post the alerts to this Alertmanager (its /api/v2/alerts)')
    .option('--responder-url <url>', 'the responder (handbook serve): alerts go here when no Alertmanager is given; measurements are read from it')
    .option('--token-file <file>', 'file with a bearer token for the responder (or HANDBOOK_TOKEN)')
    .option('--speed <factor>', 'play the exercise this many times faster than real time', '1')
    .option('--observe <duration>', 'after the last inject, keep measuring this long (scaled by --speed)', '15m')
    .option('--settle <duration>', 'then wait at most this long (real time) for the incidents the alerts should open', '2m')
    .option('--participant <role=@handle>', 'who took part (repeatable), for the evidence record', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--evidence-dir <folder>', 'where to write the evidence record', 'docs/evidence')
    .option('--no-evidence', 'do not write an evidence record')
    .action(async (exercise: string, opts) => {
      exit.code = await drillCommand(exercise, opts);
    });

  const training = program.command('training').description('Training requirements, completion records and readiness for on-call shifts');
  training
    .command('status')
    .description('Who must complete which module, who did, and who is ready for their shifts (exit 1 when someone is on call without it)')
    .option('--role <id>', 'only people whose rotations have this role')
    .option('--person <handle>', 'only this person, e.g. @amara')
    .option('--format <format>', 'table | json | csv', 'table')
    .option('--now <date>', 'treat this date as today (also HANDBOOK_NOW)')
    .action(async (opts) => {
      exit.code = await trainingStatusCommand(opts);
    });
  training
    .command('record')
    .description('Write a completion record to data/training-records/ (a passed quiz only)')
    .requiredOption('--person <handle>', 'who completed it, e.g. @amara')
    .requiredOption('--module <id>', 'doc id of the module, e.g. training/on-call-onboarding')
    .requiredOption('--score <n>', 'questions answered correctly')
    .option('--questions <n>', "questions in the quiz (default: the module's)")
    .option('--date <date>', 'completion date, YYYY-MM-DD (default: today)')
    .option('--now <date>', 'treat this date as today (also HANDBOOK_NOW)')
    .action(async (opts) => {
      exit.code = await trainingRecordCommand(opts);
    });

  return runProgram(program, argv, exit, (e) => {
    if (!(e instanceof IncidentError)) return undefined;
    process.stderr.write(`handbook: refused, nothing was changed:\n  ${e.message}\n`);
    return 1;
  });
}
