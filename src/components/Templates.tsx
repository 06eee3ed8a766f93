import React, { useState } from 'react';
import { audienceName, useHandbookData } from './data';
import { Missing } from './Missing';
import styles from './styles.module.css';

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (http, permissions): fall back to a hidden textarea.
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="button button--secondary button--sm"
      onClick={async () => {
        setDone(await copyText(text));
        setTimeout(() => setDone(false), 2000);
      }}
    >
      {done ? 'Copied' : label}
    </button>
  );
}

/** A communication template from data/templates.yaml, shown with its {{fields}}. */
export function CommTemplate({ id }: { id: string }) {
  const data = useHandbookData();
  const t = data.templates.find((x) => x.id === id);
  if (!t) return <Missing block>{`Unknown template ${id} in <CommTemplate id>.`}</Missing>;
  const text = `${t.subject ? `${t.subject}\n\n` : ''}${t.body}`.trim();
  return (
    <div className={styles.template} id={`template-${t.id}`}>
      <p>
        <strong>{t.name}</strong>. {t.when} Audience: {(t.audience ?? []).map((a: string) => audienceName(data, a)).join(', ')}. Channel: {t.channel}.
      </p>
      <pre className={styles.templateText}>{text}</pre>
      <p>
        <CopyButton text={text} label="Copy template" /> <a href={`/templates?template=${t.id}`}>Fill it in</a>
      </p>
    </div>
  );
}
