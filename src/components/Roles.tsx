import Link from '@docusaurus/Link';
import React from 'react';
import { roleRoute, useHandbookData } from './data';
import { Missing } from './Missing';

/** One field of a role from data/roles.yaml, as block content. */
export function RoleField({ role, field }: { role: string; field: string }) {
  const data = useHandbookData();
  const r = data.roles.find((x) => x.id === role);
  if (!r) return <Missing block>{`Unknown role ${role} in <RoleField role>.`}</Missing>;
  switch (field) {
    case 'what':
    case 'why':
    case 'who':
      return <p>{r[field]}</p>;
    case 'responsibilities':
    case 'how_to_become':
      return (
        <ul>
          {(r[field] as string[]).map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      );
    case 'training': {
      const route = data.routes[r.training_module];
      const title = data.trainingModules.find((m) => m.id === r.training_module)?.title ?? r.training_module;
      return <p>Training module: {route ? <Link to={route}>{title}</Link> : title}</p>;
    }
    default:
      return <Missing block>{`Unknown role field ${field} in <RoleField field>.`}</Missing>;
  }
}

export function RoleList() {
  const data = useHandbookData();
  return (
    <table tabIndex={0}>
      <thead>
        <tr>
          <th scope="col">Role</th>
          <th scope="col">What it is</th>
          <th scope="col">Training</th>
        </tr>
      </thead>
      <tbody>
        {data.roles.map((r) => {
          const route = roleRoute(data, r.id);
          const tr = data.routes[r.training_module];
          return (
            <tr key={r.id}>
              <th scope="row">
                {route ? <Link to={route}>{r.name}</Link> : r.name}
                {r.short && r.short !== r.name ? ` (${r.short})` : ''}
              </th>
              <td>{r.what}</td>
              <td>
                {tr ? <Link to={tr}>{data.trainingModules.find((m) => m.id === r.training_module)?.title ?? r.training_module}</Link> : r.training_module}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function TeamDirectory() {
  const data = useHandbookData();
  return (
    <table tabIndex={0}>
      <thead>
        <tr>
          <th scope="col">Team</th>
          <th scope="col">Owns</th>
          <th scope="col">Chat</th>
          <th scope="col">Email</th>
          <th scope="col">On-call rotation</th>
        </tr>
      </thead>
      <tbody>
        {data.teams.map((t) => (
          <tr key={t.id} id={`team-${t.id}`}>
            <th scope="row">{t.name}</th>
            <td>{t.description}</td>
            <td>
              <code>{t.chat}</code>
            </td>
            <td>{t.email}</td>
            <td>{data.oncall.find((r) => r.id === t.oncall_rotation)?.name ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ServiceCatalogue() {
  const data = useHandbookData();
  return (
    <table tabIndex={0}>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Tier</th>
          <th scope="col">Owner</th>
          <th scope="col">Depends on</th>
          <th scope="col">Runbooks</th>
        </tr>
      </thead>
      <tbody>
        {data.services.map((s) => (
          <tr key={s.id} id={`service-${s.id}`}>
            <th scope="row">
              {s.name}
              <br />
              <small>{s.description}</small>
            </th>
            <td>{s.tier}</td>
            <td>{data.teams.find((t) => t.id === s.owner)?.name ?? s.owner}</td>
            <td>{(s.dependencies ?? []).join(', ')}</td>
            <td>
              {data.runbooks
                .filter((r) => r.services.includes(s.id))
                .map((r, i) => (
                  <React.Fragment key={r.route}>
                    {i ? ', ' : ''}
                    <Link to={r.route}>{r.title}</Link>
                  </React.Fragment>
                ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
