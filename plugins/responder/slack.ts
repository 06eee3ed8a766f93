/**
 * Slack: the `/incident` slash command and the Acknowledge button on page messages. The caller has verified the
 * request signature. Commands: declare <title> sev=<level> [service=<id>], ack [id], update [id] <text>,
 * sev [id] <level>, role [id] <role> <@handle|me>, identified|mitigated|monitoring [id], public [id] <text>,
 * resolve [id], status [id]. Without an id, the command applies to the only open incident. Roles are named by id or
 * by function (command, communications, ...), so the commands follow data/roles.yaml.
 */
import { Responder, ResponderError } from '../incidents/responder';

interface SlackReply {
  response_type: 'in_channel' | 'ephemeral';
  text: string;
}

const ID = /^INC-\d{4,6}$/;
const HELP =
  'Commands: declare <title> sev=<level> [service=<id>] | ack [id] | update [id] <text> | sev [id] <level> | role [id] <role> <@handle|me> | identified|mitigated|monitoring [id] | public [id] <text> | resolve [id] | status [id]';

export async function handleSlack(r: Responder, form: URLSearchParams): Promise<SlackReply> {
  const payload = form.get('payload');
  if (payload) return interactive(r, payload);
  const user = form.get('user_name') || form.get('user_id') || 'unknown';
  const actor = `slack:@${user.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 40)}`;
  const words = (form.get('text') ?? '').trim().split(/\s+/).filter(Boolean);
  const verb = (words.shift() ?? 'help').toLowerCase();
  const pickId = (): string => {
    if (words[0] && ID.test(words[0].toUpperCase())) return words.shift()!.toUpperCase();
    const open = r.list({ status: 'open' }).filter((i) => i.fm.drill !== true);
    if (open.length === 1) return open[0].id;
    throw new ResponderError(
      open.length
        ? `several incidents are open (${open.map((i) => i.id).join(', ')}): name one, e.g. "/incident ${verb} ${open[0].id}"`
        : 'no incident is open',
    );
  };
  try {
    switch (verb) {
      case 'declare': {
        const opts = Object.fromEntries(words.filter((w) => /^[a-z]+=/.test(w)).map((w) => w.split('=', 2) as [string, string]));
        const title = words.filter((w) => !/^[a-z]+=/.test(w)).join(' ');
        const severity = opts.sev ?? opts.severity;
        if (!title || !severity) return { response_type: 'ephemeral', text: 'Usage: /incident declare <title> sev=<level> [service=<id>]' };
        const services = (opts.service ?? opts.services ?? '').split(',').filter(Boolean);
        const inc = await r.declare({ title, severity, services: services.length ? services : defaultService(r) }, actor);
        return { response_type: 'in_channel', text: `${inc.id} declared at ${severity} by ${actor.slice(6)}: ${title}` };
      }
      case 'ack': {
        const id = pickId();
        await r.event(id, { type: 'acknowledged' }, actor);
        return {
          response_type: 'in_channel',
          text: `${id} acknowledged by ${actor.slice(6)}. The responder chain stops; the incident commander and communications steps still run.`,
        };
      }
      case 'update': {
        const id = pickId();
        const text = words.join(' ');
        if (!text) return { response_type: 'ephemeral', text: 'Usage: /incident update [id] <text>' };
        await r.event(id, { type: 'note', text }, actor);
        return { response_type: 'in_channel', text: `${id} updated by ${actor.slice(6)}: ${text}` };
      }
      case 'sev':
      case 'severity': {
        const id = pickId();
        const level = words[0];
        const known = r.severityIds();
        if (!level || !known.includes(level))
          return { response_type: 'ephemeral', text: `Usage: /incident sev [id] <level>, where level is one of ${known.join(', ')}` };
        await r.event(id, { type: 'severity', severity: level }, actor);
        return { response_type: 'in_channel', text: `${id} is now ${level} (set by ${actor.slice(6)}). The escalation follows the new level's policy.` };
      }
      case 'role': {
        const id = pickId();
        const [name, who] = words;
        const roles = r.roles();
        const role = roles.find((x) => x.id === name) ?? roles.find((x) => x.function !== undefined && x.function === name);
        const handle = who === 'me' ? `@${actor.slice(7)}` : who;
        if (!role || !handle || !/^@?[A-Za-z0-9._-]{1,64}$/.test(handle))
          return {
            response_type: 'ephemeral',
            text: `Usage: /incident role [id] <role> <@handle|me>, where role is one of ${roles.map((x) => (x.function ? `${x.id} (${x.function})` : x.id)).join(', ')}`,
          };
        await r.event(id, { type: 'role', role: role.id, handle: handle.startsWith('@') ? handle : `@${handle}` }, actor);
        return { response_type: 'in_channel', text: `${id}: ${handle.startsWith('@') ? handle : `@${handle}`} is ${role.id} (set by ${actor.slice(6)}).` };
      }
      case 'identified':
      case 'mitigated':
      case 'monitoring': {
        const id = pickId();
        const inc = await r.event(id, { type: 'status', status: verb }, actor);
        return { response_type: 'in_channel', text: `${id} ${verb} (set by ${actor.slice(6)}); status ${inc.fm.status}.` };
      }
      case 'public': {
        const id = pickId();
        const text = words.join(' ');
        if (!text) return { response_type: 'ephemeral', text: 'Usage: /incident public [id] <text> (posted on the status page as written)' };
        await r.event(id, { type: 'public-update', text }, actor);
        return { response_type: 'in_channel', text: `${id}: status page update posted by ${actor.slice(6)}.` };
      }
      case 'resolve': {
        const id = pickId();
        await r.event(id, { type: 'status', status: 'resolved' }, actor);
        return { response_type: 'in_channel', text: `${id} resolved by ${actor.slice(6)}.` };
      }
      case 'status': {
        const id = pickId();
        const i = r.get(id);
        return {
          response_type: 'in_channel',
          text: `${id} [${i.fm.severity}] ${i.fm.title}: ${i.fm.status}${i.fm.acknowledged_at ? ', acknowledged' : ', NOT acknowledged'}; detected ${i.fm.detected_at}.`,
        };
      }
      default:
        return {
          response_type: 'ephemeral',
          text: HELP,
        };
    }
  } catch (e) {
    if (e instanceof ResponderError) return { response_type: 'ephemeral', text: `Refused: ${e.message}` };
    throw e;
  }
}

function defaultService(r: Responder): string[] {
  const s = r.routingData().default_service;
  return s ? [s] : [];
}

async function interactive(r: Responder, raw: string): Promise<SlackReply> {
  let p: { type?: string; user?: { username?: string; name?: string; id?: string }; actions?: { action_id?: string; value?: string }[] };
  try {
    p = JSON.parse(raw);
  } catch {
    throw new ResponderError('the Slack payload is not valid JSON');
  }
  const action = p.actions?.[0];
  if (p.type !== 'block_actions' || action?.action_id !== 'acknowledge' || !action.value || !ID.test(action.value))
    return { response_type: 'ephemeral', text: 'Nothing to do for this action.' };
  const actor = `slack:@${String(p.user?.username ?? p.user?.name ?? p.user?.id ?? 'unknown')
    .replace(/[^A-Za-z0-9._-]/g, '')
    .slice(0, 40)}`;
  try {
    await r.event(action.value, { type: 'acknowledged' }, actor);
  } catch (e) {
    if (e instanceof ResponderError) return { response_type: 'ephemeral', text: `Refused: ${e.message}` };
    throw e;
  }
  return { response_type: 'in_channel', text: `${action.value} acknowledged by ${actor.slice(6)}.` };
}
