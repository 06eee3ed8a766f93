import Layout from '@theme/Layout';
import React from 'react';
import { TrainingProgress } from '@site/src/components/Training';
import { TrainingNeeds } from '@site/src/components/TrainingRecords';

export default function TrainingProgressPage() {
  return (
    <Layout title="Training progress" description="Your completion of the training modules, per module and per role path.">
      <main className="container margin-vert--lg">
        <h1>Training progress</h1>
        <p>Progress is stored in this browser only. Complete a module by answering its quiz with at least the pass mark.</p>
        <h2 id="your-roles">What your roles require</h2>
        <TrainingNeeds />
        <h2 id="modules">Modules</h2>
        <TrainingProgress />
      </main>
    </Layout>
  );
}
