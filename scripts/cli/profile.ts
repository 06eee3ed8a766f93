/** `handbook profile list|use`: switch the severity scale to one of the ready profiles in profiles/. */
import { applyProfile, listProfiles, ProfileError, readProfile } from '../../plugins/lib/profiles';
import { UsageError } from './errors';
import { openProject } from './project';
import { severityLevels } from '../../plugins/lint/registries';

export async function profileList(): Promise<number> {
  const { project } = openProject();
  const profiles = listProfiles(project.root);
  if (!profiles.length) {
    process.stdout.write('No profiles: profiles/<name>/profile.yaml holds one.\n');
    return 0;
  }
  const current = severityLevels(project)
    .map((l) => l.id)
    .join(',');
  for (const p of profiles) {
    const mark = p.levels.join(',') === current ? ' (the levels in data/ now)' : '';
    process.stdout.write(`${p.id.padEnd(10)} ${p.name}${mark}\n           ${p.description}\n           files: ${p.files.join(', ')}\n`);
  }
  return 0;
}

export async function profileUse(id: string, opts: { dryRun?: boolean }): Promise<number> {
  const { project } = openProject();
  let profile;
  try {
    profile = readProfile(project.root, id);
  } catch (e) {
    if (e instanceof ProfileError) throw new UsageError(e.message);
    throw e;
  }
  const current = severityLevels(project).map((l) => l.id);
  const unmapped = current.filter((l) => !(l in profile.map));
  if (unmapped.length) {
    throw new UsageError(`profiles/${id}/profile.yaml: map says nothing about ${unmapped.join(', ')}, the levels now in data/severity.yaml; add them to map`);
  }
  const roots = (project.config.roots ?? []).map((r: { path: string }) => r.path);
  const r = applyProfile(project.root, profile, roots, { dryRun: opts.dryRun });
  const verb = opts.dryRun ? 'would copy' : 'copied';
  process.stdout.write(`${verb} ${r.copied.join(', ')} from profiles/${id}/\n`);
  const total = r.renamed.reduce((n, x) => n + x.count, 0);
  process.stdout.write(`${opts.dryRun ? 'would rename' : 'renamed'} ${total} level reference(s) in ${r.renamed.length} file(s)`);
  process.stdout.write(
    Object.entries(profile.map)
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => `${a}->${b}`)
      .join(' ')
      ? ` (${Object.entries(profile.map)
          .filter(([a, b]) => a !== b)
          .map(([a, b]) => `${a}->${b}`)
          .join(', ')})\n`
      : '\n',
  );
  for (const f of r.renamed) process.stdout.write(`  ${f.file}: ${f.count}\n`);
  if (!opts.dryRun) process.stdout.write('Now run "handbook lint" and read the diff: sentences comparing two merged levels may need new words.\n');
  return 0;
}
